package io.axle.documents.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.axle.documents.understanding.classification.DocumentClassifier;
import io.axle.documents.understanding.classification.LearnedClassifier;
import io.axle.documents.understanding.classification.RuleClassifier;
import io.axle.documents.understanding.classification.TypeDecision;
import io.axle.documents.understanding.classification.TypeRules;
import io.axle.documents.understanding.fields.ConfidenceThresholds;
import io.axle.documents.understanding.fields.ExtractedField;
import io.axle.documents.understanding.language.LanguageIdentifier;

class DocumentUnderstandingTest {

    private static LearnedClassifier learned;
    private static DocumentUnderstanding understanding;

    @BeforeAll
    static void setUp() {
        learned = new LearnedClassifier(new ByteBuffersDirectory(), DocumentClassifier.DEFAULT_K);
        understanding = new DocumentUnderstanding(new LanguageIdentifier(),
                new DocumentClassifier(new RuleClassifier(TypeRules.defaults()), learned),
                ConfidenceThresholds.defaults());
    }

    @AfterAll
    static void tearDown() throws Exception {
        learned.close();
    }

    @Test
    void understandsAFrenchInvoiceThatNeedsNoValidation() {
        Understanding u = understanding.understand(List.of("""
                Garage Martin SARL — SIRET 732 829 320 00074
                FACTURE N° FA-2026-0042
                Date de facture : 12/03/2026
                Nous vous remercions de votre confiance et restons à votre disposition pour tout renseignement.
                """, """
                Total HT : 1 028,80 €
                TVA 20 % : 205,76 €
                Total TTC : 1 234,56 €
                Date d'échéance : 12 avril 2026
                """));

        assertThat(u.language().language()).isEqualTo("fr");
        assertThat(u.type().type()).isEqualTo("invoice");
        assertThat(u.type().confidence()).isGreaterThanOrEqualTo(0.8);
        assertThat(u.fields()).extracting(ExtractedField::name, ExtractedField::value).contains(
                org.assertj.core.groups.Tuple.tuple("invoiceNumber", "FA-2026-0042"),
                org.assertj.core.groups.Tuple.tuple("totalInclTax", "1234.56"),
                org.assertj.core.groups.Tuple.tuple("siret", "73282932000074"),
                org.assertj.core.groups.Tuple.tuple("supplierName", "Garage Martin SARL"));
        assertThat(u.missingFields()).isEmpty();
        assertThat(u.needsValidation()).isFalse();
    }

    @Test
    void aMissingRequiredFieldOrALowFieldPutsTheDocumentUpForValidation() {
        Understanding noTotal = understanding.understand(List.of("""
                Invoice INV-77
                Invoice date: 2026-03-12
                Thank you for your business, payment by bank transfer within thirty days.
                """));
        Understanding badIban = understanding.understand(List.of("""
                FACTURE N° FA-9
                Date de facture : 12/03/2026   Total TTC : 50,00 €
                IBAN : FR76 3000 6000 0112 3456 7890 188
                """));

        assertThat(noTotal.type().type()).isEqualTo("invoice");
        assertThat(noTotal.missingFields()).containsExactly("totalInclTax");
        assertThat(noTotal.needsValidation()).isTrue();
        assertThat(badIban.missingFields()).isEmpty();
        assertThat(badIban.needsValidation()).isTrue();
    }

    @Test
    void aTypeAnOperatorGaveIsKeptAndItsFieldsAreRead() {
        Understanding u = understanding.understandAs(List.of("""
                Certificat d'immatriculation
                A AB-123-CD
                E 1G4AH59H45G118341
                """), "vehicle-registration");

        assertThat(u.type()).isEqualTo(new TypeDecision("vehicle-registration", 1.0, TypeDecision.Source.OPERATOR));
        assertThat(u.fields()).extracting(ExtractedField::name).contains("vin");
        assertThat(u.fields()).extracting(ExtractedField::name).doesNotContain("invoiceNumber", "totalInclTax");
    }

    @Test
    void aDocumentOfNoKnownTypeNeedsValidation() {
        Understanding u = understanding.understand(List.of("Lorem ipsum dolor sit amet, consectetur adipiscing."));

        assertThat(u.type()).isEqualTo(new TypeDecision(TypeRules.UNKNOWN, 0, TypeDecision.Source.NONE));
        assertThat(u.needsValidation()).isTrue();
    }
}
