package io.axle.documents.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentSearchIndexTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T09:00:00Z");

    private DocumentSearchIndex index;

    @BeforeEach
    void open() {
        index = new DocumentSearchIndex(new ByteBuffersDirectory());
    }

    @AfterEach
    void close() {
        index.close();
    }

    private static SearchableDocument document(String id, String title, String type, String language, Instant at,
                                               String... pages) {
        SearchableDocument document = SearchableDocument.uploaded(id, title, List.of(), at).withType(type)
                .withLanguage(language);
        for (int page = 1; page <= pages.length; page++) {
            document = document.withPage(1, page, pages[page - 1]);
        }
        return document;
    }

    private void put(SearchableDocument... documents) {
        for (SearchableDocument document : documents) {
            index.put(document);
        }
        index.refresh();
    }

    private List<String> found(String words) {
        return index.search(new SearchRequest(words, null, null, null, 0, 20)).hits().stream()
                .map(SearchHit::documentId).toList();
    }

    @Nested
    class Analysis {

        @Test
        void frenchPluralsMeetTheirSingular() {
            Analyzer french = new Analyzer(SearchAnalyzers.FRENCH);
            assertThat(french.terms("factures")).isEqualTo(french.terms("facture"));
            assertThat(french.terms("l'échéance")).isEqualTo(french.terms("echeances"));
        }

        @Test
        void englishPluralsMeetTheirSingular() {
            Analyzer english = new Analyzer(SearchAnalyzers.ENGLISH);
            assertThat(english.terms("invoices")).isEqualTo(english.terms("invoice"));
            assertThat(english.terms("Supplier's")).isEqualTo(english.terms("suppliers"));
        }

        @Test
        void germanPluralsMeetTheirSingular() {
            Analyzer german = new Analyzer(SearchAnalyzers.GERMAN);
            assertThat(german.terms("Rechnungen")).isEqualTo(german.terms("Rechnung"));
            assertThat(german.terms("Größe")).isEqualTo(german.terms("grosse"));
        }

        @Test
        void theFoldedAnalysisFoldsAccentsAndCaseButKeepsTheWord() {
            Analyzer folded = new Analyzer(SearchAnalyzers.FOLDED);
            assertThat(folded.terms("Échéance")).containsExactly("echeance");
            assertThat(folded.terms("factures")).containsExactly("factures");
        }

        /** One analysis, by name. */
        private record Analyzer(String name) {
            List<String> terms(String text) {
                return TypoTolerantQuery.terms(SearchAnalyzers.analyzer(name), text);
            }
        }
    }

    @Nested
    class Matching {

        @Test
        void aFrenchPluralFindsTheSingular() {
            put(document("fr-1", "Scan", "invoice", "fr", MARCH, "Facture n° F-2026-001 du fournisseur"),
                    document("en-1", "Scan", "invoice", "en", MARCH, "Delivery note"));

            assertThat(found("factures")).containsExactly("fr-1");
        }

        @Test
        void anEnglishPluralFindsTheSingular() {
            put(document("en-1", "Scan", "invoice", "en", MARCH, "This invoice is due in 30 days"));

            assertThat(found("Invoices")).containsExactly("en-1");
        }

        @Test
        void accentsAreFoldedBothWays() {
            put(document("fr-1", "Scan", "invoice", "fr", MARCH, "Date d'échéance : 31/03/2026"),
                    document("fr-2", "Scan", "invoice", "fr", MARCH, "Echeance au 30 avril"));

            assertThat(found("echeance")).containsExactlyInAnyOrder("fr-1", "fr-2");
            assertThat(found("ÉCHÉANCE")).containsExactlyInAnyOrder("fr-1", "fr-2");
        }

        @Test
        void aDocumentOfUnknownLanguageIsStemmedInEveryLanguage() {
            put(document("und-1", "Scan", null, null, MARCH, "invoices factures Rechnungen"));

            assertThat(found("invoice")).containsExactly("und-1");
            assertThat(found("facture")).containsExactly("und-1");
            assertThat(found("rechnung")).containsExactly("und-1");
        }

        @Test
        void aTypoIsToleratedInAWordOfFiveLettersOrMore() {
            put(document("en-1", "Scan", "invoice", "en", MARCH, "Invoice total 120.00 EUR"));

            assertThat(found("invioce")).containsExactly("en-1");
            assertThat(found("totl")).isEmpty();
            assertThat(found("xnvioce")).isEmpty();
        }

        @Test
        void twoTyposAreToleratedFromEightLetters() {
            put(document("en-1", "Scan", "contract", "en", MARCH, "Maintenance agreement for the fleet"));

            assertThat(found("agrement")).containsExactly("en-1");
            assertThat(found("agremant")).containsExactly("en-1");
        }

        @Test
        void everyWordMustMatchInTheTextTitleOrTags() {
            put(document("en-1", "Garage repair", "repair-order", "en", MARCH, "Brake pads replaced"),
                    SearchableDocument.uploaded("en-2", "Other", List.of("garage"), MARCH).withPage(1, 1, "brake"));

            assertThat(found("garage brake")).containsExactlyInAnyOrder("en-1", "en-2");
            assertThat(found("garage pads")).containsExactly("en-1");
            assertThat(found("garage clutch")).isEmpty();
        }

        @Test
        void textWithoutWordsFindsNothing() {
            put(document("en-1", "Scan", "invoice", "en", MARCH, "invoice"));

            assertThat(index.search(new SearchRequest(" ?! ", null, null, null, 0, 20)).total()).isZero();
        }
    }

    @Nested
    class Ranking {

        @Test
        void anExactWordOutranksATypoMatch() {
            put(document("typo", "Scan", "invoice", "en", MARCH, "Our invoce for March"),
                    document("exact", "Scan", "invoice", "en", MARCH, "Our invoice for March"));

            assertThat(found("invoice")).containsExactly("exact", "typo");
        }

        @Test
        void aTitleOutranksTheText() {
            put(document("text", "Scan 12", "contract", "en", MARCH, "The lease of the garage"),
                    document("title", "Garage lease", "contract", "en", MARCH, "Signed on 1 March"));

            assertThat(found("lease").get(0)).isEqualTo("title");
        }

        @Test
        void moreMatchesRankHigher() {
            put(document("once", "Scan", "letter", "en", MARCH, "One word about brakes, and many about tyres, "
                            + "wheels, engines, lights, seats, windows, doors, mirrors and the radio"),
                    document("often", "Scan", "letter", "en", MARCH, "Brakes: brakes checked, brakes replaced"));

            assertThat(found("brakes")).containsExactly("often", "once");
        }
    }

    @Nested
    class Snippets {

        @Test
        void matchedWordsAreMarkedAsWrittenAndTheRestEscaped() {
            put(document("x", "Scan", "invoice", "en", MARCH,
                    "Pay <script>alert('x')</script> & the invoices before Friday"));

            SearchHit hit = index.search(new SearchRequest("invoice", null, null, null, 0, 20)).hits().get(0);

            assertThat(hit.snippets()).hasSize(1);
            assertThat(hit.snippets().get(0)).contains("<mark>invoices</mark>")
                    .contains("&lt;script&gt;").contains("&amp;").doesNotContain("<script>");
        }

        @Test
        void aTypoMarksTheWordFound() {
            put(document("x", "Scan", "invoice", "fr", MARCH, "Veuillez régler la facture avant l'échéance."));

            SearchHit hit = index.search(new SearchRequest("factrue echeance", null, null, null, 0, 20)).hits()
                    .get(0);

            assertThat(hit.snippets().get(0)).contains("<mark>facture</mark>")
                    .contains("<mark>l&#x27;échéance</mark>");
        }

        @Test
        void aDocumentFoundByItsTitleShowsTheBeginningOfItsText() {
            put(document("x", "Garage lease", "contract", "en", MARCH, "Signed <b>on</b> 1 March"));

            assertThat(index.search(new SearchRequest("garage", null, null, null, 0, 20)).hits().get(0).snippets())
                    .containsExactly("Signed &lt;b&gt;on&lt;&#x2F;b&gt; 1 March");
        }
    }

    @Nested
    class Filters {

        @Test
        void byTypeAndUploadDatesWithPaging() {
            put(document("a", "A", "invoice", "en", MARCH, "invoice one"),
                    document("b", "B", "invoice", "en", APRIL, "invoice two"),
                    document("c", "C", "receipt", "en", APRIL, "invoice three"));

            assertThat(index.search(new SearchRequest("invoice", "invoice", null, null, 0, 20)).hits())
                    .extracting(SearchHit::documentId).containsExactlyInAnyOrder("a", "b");
            assertThat(index.search(new SearchRequest("invoice", null, APRIL, null, 0, 20)).hits())
                    .extracting(SearchHit::documentId).containsExactlyInAnyOrder("b", "c");
            assertThat(index.search(new SearchRequest("invoice", null, null, APRIL, 0, 20)).hits())
                    .extracting(SearchHit::documentId).containsExactly("a");
            SearchResults second = index.search(new SearchRequest("invoice", null, null, null, 1, 2));
            assertThat(second.total()).isEqualTo(3);
            assertThat(second.hits()).hasSize(1);
            assertThat(index.search(new SearchRequest("invoice", null, null, null, 5, 2)).hits()).isEmpty();
        }
    }

    @Nested
    class Storage {

        @Test
        void aDocumentReadsBackAsPutAndAPutReplacesIt() {
            SearchableDocument document = SearchableDocument.uploaded("a", "March", List.of("suppliers"), MARCH)
                    .withPage(1, 1, "one").withPage(1, 2, "two").withType("invoice").withLanguage("en");
            put(document);

            assertThat(index.find("a")).contains(document);

            SearchableDocument reread = document.withPage(2, 1, "uno").withPageCount(2, 1);
            put(reread);

            assertThat(index.find("a").orElseThrow().pages()).isEqualTo(new TreeMap<>(Map.of(1, "uno")));
            assertThat(found("two")).isEmpty();
            assertThat(found("uno")).containsExactly("a");
        }

        @Test
        void aPageOfAnOlderRunIsIgnored() {
            SearchableDocument document = SearchableDocument.uploaded("a", "March", List.of(), MARCH)
                    .withPage(2, 1, "new");

            assertThat(document.withPage(1, 1, "old")).isEqualTo(document);
            assertThat(document.withPageCount(1, 0)).isEqualTo(document);
        }

        @Test
        void clearEmptiesTheIndex() {
            put(document("a", "A", "invoice", "en", MARCH, "invoice"));

            index.clear();
            index.refresh();

            assertThat(found("invoice")).isEmpty();
            assertThat(index.find("a")).isEmpty();
        }

        @Test
        void whatIsCommittedIsThereAfterAReopen(@TempDir Path folder) {
            try (DocumentSearchIndex first = DocumentSearchIndex.open(folder.resolve("search"))) {
                first.put(document("a", "A", "invoice", "en", MARCH, "invoice"));
                first.commit();
            }
            try (DocumentSearchIndex again = DocumentSearchIndex.open(folder.resolve("search"))) {
                assertThat(again.search(new SearchRequest("invoice", null, null, null, 0, 20)).hits())
                        .extracting(SearchHit::documentId).containsExactly("a");
            }
        }
    }
}
