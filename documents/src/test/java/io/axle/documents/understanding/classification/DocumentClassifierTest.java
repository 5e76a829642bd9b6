package io.axle.documents.understanding.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

import io.axle.documents.understanding.GeneratedCorpus;
import io.axle.documents.understanding.GeneratedCorpus.Labelled;

class DocumentClassifierTest {

    private final RuleClassifier rules = new RuleClassifier(TypeRules.defaults());

    @Test
    void rulesClassifyTheGeneratedCorpusOfEveryTypeInFrenchAndEnglish() {
        List<Labelled> corpus = GeneratedCorpus.documents();
        long right = corpus.stream().filter(d -> rules.classify(d.text()).type().equals(d.type())).count();
        double accuracy = (double) right / corpus.size();
        System.out.printf("rule classification accuracy: %d/%d = %.3f%n", right, corpus.size(), accuracy);
        corpus.stream().filter(d -> !rules.classify(d.text()).type().equals(d.type()))
                .forEach(d -> System.out.printf("  %s (%s) read as %s%n", d.type(), d.language(),
                        rules.classify(d.text())));

        assertThat(corpus).hasSize(TypeRules.DEFAULT_TYPES.size() * 2 * 3);
        assertThat(corpus.stream().map(Labelled::type).distinct()).containsExactlyInAnyOrderElementsOf(
                TypeRules.DEFAULT_TYPES);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void ruleConfidenceGrowsWithEvidenceAndFallsWithACompetitor() {
        TypeDecision titleOnly = rules.classify("Facture");
        TypeDecision titleAndTotals = rules.classify("Facture\nTotal TTC 120,00 €");
        TypeDecision twoTitles = rules.classify("Facture\nDevis");

        assertThat(titleOnly.type()).isEqualTo("invoice");
        assertThat(titleOnly.confidence()).isCloseTo(0.7125, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(titleAndTotals.confidence()).isEqualTo(0.95);
        assertThat(twoTitles.confidence()).isLessThan(titleOnly.confidence());
        assertThat(rules.classify("Lorem ipsum dolor sit amet")).isEqualTo(
                new TypeDecision(TypeRules.UNKNOWN, 0, TypeDecision.Source.NONE));
    }

    @Test
    void moreTypesComeByConfiguration() {
        RuleClassifier configured = new RuleClassifier(TypeRules.defaults()
                .with("tax-notice", Map.of("avis d'imposition", 4.0, "impot sur le revenu", 1.0)));

        TypeDecision decision = configured.classify("AVIS D'IMPÔT SUR LE REVENU\nAvis d'imposition 2026");

        assertThat(decision.type()).isEqualTo("tax-notice");
        assertThat(decision.source()).isEqualTo(TypeDecision.Source.RULES);
    }

    /** A garage's own work sheet: the word "facture" and the totals make the rules say invoice. */
    private static String workSheet(int n, String plate, String work, String amount) {
        return """
                Garage des Alpes — Fiche atelier n° %d
                Véhicule %s, Peugeot 308, entrée le 0%d/03/2026
                Travaux effectués : %s
                Technicien : Karim, poste 2, contrôle qualité par le chef d'atelier
                Temps passé : 2 h 30, restitution du véhicule au client après essai routier
                Total TTC : %s €
                Facture établie à la restitution du véhicule.
                """.formatted(n, plate, n % 9 + 1, work, amount);
    }

    @Test
    void aLessonGivenAgainForTheSameDocumentReplacesTheFirstAndForgettingClearsThemAll() throws Exception {
        try (Directory directory = new ByteBuffersDirectory();
             LearnedClassifier learned = new LearnedClassifier(directory, DocumentClassifier.DEFAULT_K)) {
            DocumentClassifier classifier = new DocumentClassifier(rules, learned);
            String sheet = workSheet(401, "AB-123-CD", "vidange", "99,00");

            classifier.learn("d-1", sheet, "invoice");
            classifier.learn("d-1", sheet, "repair-order");
            classifier.learn("d-1", sheet, "repair-order");
            assertThat(learned.examples()).isEqualTo(1);
            assertThat(learned.suggest(sheet)).get().extracting(LearnedClassifier.Suggestion::type)
                    .isEqualTo("repair-order");

            classifier.learn("d-2", workSheet(402, "EF-456-GH", "pneus", "320,00"), "repair-order");
            classifier.forget();
            assertThat(learned.examples()).isZero();
            assertThat(learned.suggest(sheet)).isEmpty();
        }
    }

    @Test
    void learnsFromCorrectionsSoTheNextSimilarDocumentIsRightWithoutARule() throws Exception {
        try (Directory directory = new ByteBuffersDirectory();
             LearnedClassifier learned = new LearnedClassifier(directory, DocumentClassifier.DEFAULT_K)) {
            DocumentClassifier classifier = new DocumentClassifier(rules, learned);
            // earlier corrections of other types are in the index too
            GeneratedCorpus.documents().stream().filter(d -> d.language().equals("fr")).limit(10)
                    .forEach(d -> classifier.learn(d.text(), d.type()));
            List<String> sheets = List.of(
                    workSheet(301, "AB-123-CD", "remplacement des plaquettes avant", "312,40"),
                    workSheet(302, "EF-456-GH", "changement courroie de distribution", "689,00"),
                    workSheet(303, "JK-789-LM", "remplacement embrayage", "1 120,00"),
                    workSheet(304, "NP-321-QR", "géométrie et pneus avant", "402,10"));

            TypeDecision first = classifier.classify(sheets.get(0));
            assertThat(first.type()).isEqualTo("invoice");
            assertThat(first.source()).isEqualTo(TypeDecision.Source.RULES);

            classifier.learn(sheets.get(0), "repair-order");
            TypeDecision afterOne = classifier.classify(sheets.get(1));
            assertThat(afterOne.type()).as("one correction is not yet enough").isEqualTo("invoice");

            classifier.learn(sheets.get(1), "repair-order");
            classifier.learn(sheets.get(2), "repair-order");
            TypeDecision next = classifier.classify(sheets.get(3));

            System.out.println("work sheet after three corrections: " + next);
            assertThat(next.type()).isEqualTo("repair-order");
            assertThat(next.source()).isEqualTo(TypeDecision.Source.LEARNED);
            assertThat(next.confidence()).isGreaterThan(0.8);

            String realInvoice = GeneratedCorpus.documents().stream()
                    .filter(d -> d.type().equals("invoice") && d.language().equals("fr")).skip(2).findFirst()
                    .orElseThrow().text();
            assertThat(classifier.classify(realInvoice).type())
                    .as("corrections on work sheets do not turn real invoices into repair orders")
                    .isEqualTo("invoice");
        }
    }

    /** An accountant's fee note: no rule phrase at all, so the rules cannot tell it is an invoice. */
    private static String feeNote(int n, String client, String amount) {
        return """
                Cabinet Renaud & Associés — Experts-comptables
                Note d'honoraires n° H-%d
                Client : %s
                Mission : tenue de la comptabilité et établissement des comptes annuels
                Honoraires : %s € HT, TVA 20 %%, montant dû à réception
                """.formatted(n, client, amount);
    }

    @Test
    void accuracyOnDocumentsTheRulesGetWrongRisesWithCorrections() throws Exception {
        List<Labelled> hard = new java.util.ArrayList<>();
        String[] clients = {"Transports Leroy", "Atelier Bernard", "Boulangerie Petit", "Cars du Rhône", "SCI Les Tilleuls",
                "Menuiserie Roux"};
        String[] works = {"vidange et filtres", "pneus arrière", "plaquettes avant", "disques et plaquettes",
                "batterie", "amortisseurs"};
        for (int i = 0; i < 6; i++) {
            hard.add(new Labelled(workSheet(400 + i, "AB-1" + i + "0-CD", works[i], (100 + 37 * i) + ",00"),
                    "repair-order", "fr", Map.of()));
            hard.add(new Labelled(feeNote(700 + i, clients[i], (900 + 45 * i) + ",00"), "invoice", "fr", Map.of()));
        }
        List<Labelled> corrected = hard.subList(0, 6);
        List<Labelled> heldOut = hard.subList(6, hard.size());
        try (Directory directory = new ByteBuffersDirectory();
             LearnedClassifier learned = new LearnedClassifier(directory, DocumentClassifier.DEFAULT_K)) {
            DocumentClassifier classifier = new DocumentClassifier(rules, learned);
            long before = heldOut.stream().filter(d -> classifier.classify(d.text()).type().equals(d.type())).count();
            corrected.forEach(d -> classifier.learn(d.text(), d.type()));
            long after = heldOut.stream().filter(d -> classifier.classify(d.text()).type().equals(d.type())).count();
            System.out.printf("held-out documents the rules get wrong: %d/%d right before, %d/%d after %d corrections%n",
                    before, heldOut.size(), after, heldOut.size(), corrected.size());

            assertThat(before).isZero();
            assertThat(after).isEqualTo(heldOut.size());
        }
    }

    @Test
    void whatWasLearnedStaysInTheDirectory() throws Exception {
        try (Directory directory = new ByteBuffersDirectory()) {
            try (LearnedClassifier learned = new LearnedClassifier(directory, 5)) {
                learned.learn(workSheet(1, "AB-123-CD", "vidange", "80,00"), "repair-order");
                learned.learn(workSheet(2, "EF-456-GH", "pneus", "300,00"), "repair-order");
            }
            try (LearnedClassifier reopened = new LearnedClassifier(directory, 5)) {
                assertThat(reopened.examples()).isEqualTo(2);
                assertThat(reopened.suggest(workSheet(3, "JK-789-LM", "freins", "150,00")))
                        .hasValueSatisfying(s -> {
                            assertThat(s.type()).isEqualTo("repair-order");
                            assertThat(s.agreeing()).isEqualTo(2);
                            assertThat(s.closeness()).isGreaterThan(0.5);
                        });
            }
        }
    }

    @Test
    void anEmptyIndexSuggestsNothing() throws Exception {
        try (Directory directory = new ByteBuffersDirectory();
             LearnedClassifier learned = new LearnedClassifier(directory, 5)) {
            assertThat(learned.suggest("Facture n° 12")).isEmpty();
            assertThat(new DocumentClassifier(rules, learned).classify("Facture n° 12").source())
                    .isEqualTo(TypeDecision.Source.RULES);
        }
    }
}
