package io.axle.query.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.api.common.ListCriteria;
import io.axle.api.common.PageResult;
import io.axle.api.document.DocumentAlert;
import io.axle.api.document.DocumentAlertRaisedEvent;
import io.axle.api.document.DocumentAlertView;
import io.axle.api.document.DocumentClassifiedEvent;
import io.axle.api.document.DocumentDuplicateDetectedEvent;
import io.axle.api.document.DocumentFailure;
import io.axle.api.document.DocumentField;
import io.axle.api.document.DocumentFieldsExtractedEvent;
import io.axle.api.document.DocumentFieldsValidatedEvent;
import io.axle.api.document.DocumentHistoryEntry;
import io.axle.api.document.DocumentLanguageDetectedEvent;
import io.axle.api.document.DocumentPageReadEvent;
import io.axle.api.document.DocumentPageText;
import io.axle.api.document.DocumentProcessedEvent;
import io.axle.api.document.DocumentProcessingFailedEvent;
import io.axle.api.document.DocumentReprocessRequestedEvent;
import io.axle.api.document.DocumentText;
import io.axle.api.document.DocumentTextExtractedEvent;
import io.axle.api.document.DocumentTypeCorrectedEvent;
import io.axle.api.document.DocumentUpdate;
import io.axle.api.document.DocumentUploadedEvent;
import io.axle.api.document.DocumentView;
import io.axle.api.document.FindDocumentQuery;
import io.axle.api.document.FindDocumentTextQuery;
import io.axle.api.document.ListDocumentAlertsQuery;
import io.axle.api.document.ListDocumentsQuery;
import io.axle.api.document.ValidationQueueQuery;
import io.axle.api.document.WatchDocumentsQuery;
import io.axle.query.InMemoryMongo;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DocumentProjectionTest {

    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final DocumentUploadedEvent UPLOADED = new DocumentUploadedEvent("d-1", "March invoice",
            "march.pdf", "application/pdf", 1234, SHA, List.of("suppliers", "2026"), "alice", AT);
    private static final DocumentDuplicateDetectedEvent AGAIN = new DocumentDuplicateDetectedEvent(SHA, "d-1",
            "copy.pdf", "bob", AT.plusSeconds(60));
    private static final DocumentHistoryEntry UPLOAD_ENTRY = new DocumentHistoryEntry("UPLOADED", AT, "alice",
            "march.pdf");
    private static final DocumentHistoryEntry AGAIN_ENTRY = new DocumentHistoryEntry("DUPLICATE_UPLOADED",
            AT.plusSeconds(60), "bob", "copy.pdf");
    private static final DocumentField NUMBER = new DocumentField("invoiceNumber", "F-2026-001", 0.95, 1, false, "");
    private static final DocumentField TOTAL = new DocumentField("totalInclTax", "120.00", 0.4, 2, true,
            "amount read by OCR");

    private InMemoryMongo mongo;
    private DocumentProjection projection;
    private final List<Object> updates = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
        emitter.registerUpdateHandler(new GenericSubscriptionQueryMessage<>(new WatchDocumentsQuery(),
                        ResponseTypes.multipleInstancesOf(DocumentUpdate.class),
                        ResponseTypes.instanceOf(DocumentUpdate.class)), 100)
                .getUpdates().subscribe(message -> updates.add(message.getPayload()));
        projection = new DocumentProjection(mongo.template(), emitter);
        projection.createIndexes();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private DocumentView find(String id) {
        return projection.handle(new FindDocumentQuery(id));
    }

    private static DocumentView view(List<DocumentHistoryEntry> history) {
        return new DocumentView("d-1", "March invoice", "march.pdf", "application/pdf", 1234, SHA, "UPLOADED", null,
                null, null, 0, 0, 1, null, null, null, List.of(), List.of(), List.of(), null, List.of(),
                List.of("suppliers", "2026"), "alice", AT, history);
    }

    private static DocumentPageReadEvent page(int run, int page, int pages, String text) {
        return new DocumentPageReadEvent("d-1", run, page, pages, text, "ocr", 0.9, 90, 0.5);
    }

    /** The upload and a whole first run that needs validation: sequences 0 to 7. */
    private void firstRunNeedingValidation() {
        projection.on(UPLOADED, 0);
        projection.on(page(1, 1, 2, "Facture F-2026-001"), 1, AT.plusSeconds(1));
        projection.on(page(1, 2, 2, "Total 120,00 EUR"), 2, AT.plusSeconds(2));
        projection.on(new DocumentTextExtractedEvent("d-1", 1, 2, 2, 34, 0.9, AT.plusSeconds(3)), 3);
        projection.on(new DocumentLanguageDetectedEvent("d-1", 1, "fr", 0.97), 4, AT.plusSeconds(4));
        projection.on(new DocumentClassifiedEvent("d-1", 1, "invoice", 0.82, "RULES"), 5, AT.plusSeconds(5));
        projection.on(new DocumentFieldsExtractedEvent("d-1", 1, List.of(NUMBER, TOTAL), List.of("dueDate")), 6,
                AT.plusSeconds(6));
        projection.on(new DocumentProcessedEvent("d-1", 1, true, List.of("totalInclTax below 0.8"),
                AT.plusSeconds(7)), 7);
    }

    @Nested
    class Upload {

        @Test
        void anUploadedDocumentShowsItsOriginalAndOneHistoryLine() {
            projection.on(UPLOADED, 0);

            assertThat(find("d-1")).isEqualTo(view(List.of(UPLOAD_ENTRY)));
            assertThat(updates).containsExactly(new DocumentUpdate("d-1", "UPLOADED", 0, 0, null));
        }

        @Test
        void theUploadAppliedTwiceChangesNothing() {
            projection.on(UPLOADED, 0);
            projection.on(UPLOADED, 0);

            assertThat(find("d-1")).isEqualTo(view(List.of(UPLOAD_ENTRY)));
            assertThat(updates).hasSize(1);
        }

        @Test
        void anUnknownDocumentIsNotFound() {
            assertThat(find("nope")).isNull();
            assertThat(projection.handle(new FindDocumentTextQuery("nope"))).isNull();
        }
    }

    @Nested
    class Duplicates {

        @Test
        void aDuplicateUploadIsALineInTheHistory() {
            projection.on(UPLOADED, 0);
            projection.on(AGAIN, 1);

            assertThat(find("d-1")).isEqualTo(view(List.of(UPLOAD_ENTRY, AGAIN_ENTRY)));
        }

        @Test
        void eachDuplicateAppliedTwiceCountsOnce() {
            projection.on(UPLOADED, 0);
            projection.on(AGAIN, 1);
            projection.on(AGAIN, 1);
            projection.on(UPLOADED, 0);

            assertThat(find("d-1")).isEqualTo(view(List.of(UPLOAD_ENTRY, AGAIN_ENTRY)));
        }

        @Test
        void aDuplicateBeforeTheUploadIsKeptAndTheDocumentShownOnlyOnceUploaded() {
            projection.on(AGAIN, 1);

            assertThat(find("d-1")).isNull();
            assertThat(projection.page(list(null, null, null)).totalElements()).isZero();
            assertThat(updates).isEmpty();

            projection.on(UPLOADED, 0);
            projection.on(AGAIN, 1);

            assertThat(find("d-1")).isEqualTo(view(List.of(UPLOAD_ENTRY, AGAIN_ENTRY)));
        }
    }

    @Nested
    class Pipeline {

        @Test
        void readingPagesShowsPageNOfMWithOneHistoryLineUpdatedInPlace() {
            projection.on(UPLOADED, 0);
            projection.on(page(1, 1, 3, "one"), 1, AT.plusSeconds(1));
            projection.on(page(1, 2, 3, "two"), 2, AT.plusSeconds(2));

            DocumentView reading = find("d-1");
            assertThat(reading.status()).isEqualTo("READING");
            assertThat(reading.pagesRead()).isEqualTo(2);
            assertThat(reading.pages()).isEqualTo(3);
            assertThat(reading.history()).containsExactly(UPLOAD_ENTRY,
                    new DocumentHistoryEntry("READ", AT.plusSeconds(2), "pipeline", "page 2 of 3"));
            assertThat(updates).containsExactly(new DocumentUpdate("d-1", "UPLOADED", 0, 0, null),
                    new DocumentUpdate("d-1", "READING", 1, 3, null),
                    new DocumentUpdate("d-1", "READING", 2, 3, null));
        }

        @Test
        void aWholeRunGivesTheLanguageTypeFieldsAndTheValidationNeed() {
            firstRunNeedingValidation();

            DocumentView document = find("d-1");
            assertThat(document.status()).isEqualTo("NEEDS_VALIDATION");
            assertThat(document.language()).isEqualTo("fr");
            assertThat(document.languageConfidence()).isEqualTo(0.97);
            assertThat(document.pages()).isEqualTo(2);
            assertThat(document.pagesRead()).isEqualTo(2);
            assertThat(document.run()).isEqualTo(1);
            assertThat(document.type()).isEqualTo("invoice");
            assertThat(document.typeConfidence()).isEqualTo(0.82);
            assertThat(document.typeSource()).isEqualTo("RULES");
            assertThat(document.fields()).containsExactly(NUMBER, TOTAL);
            assertThat(document.missingFields()).containsExactly("dueDate");
            assertThat(document.validationReasons()).containsExactly("totalInclTax below 0.8");
            assertThat(document.failure()).isNull();
            assertThat(document.history()).extracting(DocumentHistoryEntry::step).containsExactly("UPLOADED",
                    "READ", "TEXT_EXTRACTED", "LANGUAGE", "CLASSIFIED", "FIELDS", "NEEDS_VALIDATION");
            assertThat(document.history().get(2).detail())
                    .isEqualTo("2 pages, 2 by OCR, 34 characters, mean confidence 90 %");
            assertThat(document.history().get(5).detail()).isEqualTo("2 fields, 1 to validate, missing dueDate");
        }

        @Test
        void theWholeRunAppliedTwiceLeavesTheSameRecordAndTexts() {
            firstRunNeedingValidation();
            DocumentView once = find("d-1");
            DocumentText text = projection.handle(new FindDocumentTextQuery("d-1"));
            int published = updates.size();

            firstRunNeedingValidation();

            assertThat(find("d-1")).isEqualTo(once);
            assertThat(projection.handle(new FindDocumentTextQuery("d-1"))).isEqualTo(text);
            assertThat(updates).hasSize(published);
        }

        @Test
        void theTextIsKeptPerPage() {
            firstRunNeedingValidation();

            assertThat(projection.handle(new FindDocumentTextQuery("d-1"))).isEqualTo(new DocumentText("d-1", 1,
                    List.of(new DocumentPageText(1, "Facture F-2026-001", "ocr", 0.9, 90, 0.5),
                            new DocumentPageText(2, "Total 120,00 EUR", "ocr", 0.9, 90, 0.5))));
        }

        @Test
        void aProcessedRunWithoutValidationIsReady() {
            projection.on(UPLOADED, 0);
            projection.on(page(1, 1, 1, "Receipt"), 1, AT);
            projection.on(new DocumentTextExtractedEvent("d-1", 1, 1, 0, 7, 1, AT), 2);
            projection.on(new DocumentProcessedEvent("d-1", 1, false, List.of(), AT.plusSeconds(1)), 3);

            DocumentView document = find("d-1");
            assertThat(document.status()).isEqualTo("READY");
            assertThat(document.validationReasons()).isEmpty();
            assertThat(document.history()).last().extracting(DocumentHistoryEntry::step).isEqualTo("PROCESSED");
        }

        @Test
        void aFailureKeepsItsReasonUntilTheNextRun() {
            projection.on(UPLOADED, 0);
            projection.on(page(1, 1, 3, "one"), 1, AT);
            projection.on(new DocumentProcessingFailedEvent("d-1", 1, "text", 2, "Page 2 is damaged; upload it "
                    + "again", AT.plusSeconds(5)), 2);

            DocumentView failed = find("d-1");
            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.failure()).isEqualTo(new DocumentFailure("text", 2,
                    "Page 2 is damaged; upload it again", AT.plusSeconds(5)));
            assertThat(failed.history()).last().isEqualTo(new DocumentHistoryEntry("FAILED", AT.plusSeconds(5),
                    "pipeline", "text (page 2): Page 2 is damaged; upload it again"));

            projection.on(new DocumentReprocessRequestedEvent("d-1", 2, "bob", AT.plusSeconds(60)), 3);

            DocumentView again = find("d-1");
            assertThat(again.status()).isEqualTo("REPROCESSING");
            assertThat(again.failure()).isNull();
            assertThat(again.run()).isEqualTo(2);
            assertThat(again.pagesRead()).isZero();
            assertThat(again.history()).last().isEqualTo(new DocumentHistoryEntry("REPROCESS_REQUESTED",
                    AT.plusSeconds(60), "bob", "run 2"));
        }

        @Test
        void aReprocessReplacesEachPageAndDropsPagesTheNewRunHasNot() {
            firstRunNeedingValidation();
            projection.on(new DocumentReprocessRequestedEvent("d-1", 2, "bob", AT.plusSeconds(60)), 8);
            projection.on(page(2, 1, 1, "Facture F-2026-001 relue"), 9, AT.plusSeconds(61));

            DocumentText during = projection.handle(new FindDocumentTextQuery("d-1"));
            assertThat(during.run()).isEqualTo(2);
            assertThat(during.pages()).extracting(DocumentPageText::text)
                    .containsExactly("Facture F-2026-001 relue", "Total 120,00 EUR");
            DocumentView reading = find("d-1");
            assertThat(reading.status()).isEqualTo("READING");
            assertThat(reading.pagesRead()).isEqualTo(1);
            assertThat(reading.history()).last().extracting(DocumentHistoryEntry::detail)
                    .isEqualTo("page 1 of 1 (run 2)");
            assertThat(reading.history()).extracting(DocumentHistoryEntry::step).filteredOn("READ"::equals)
                    .hasSize(2);

            projection.on(new DocumentTextExtractedEvent("d-1", 2, 1, 1, 24, 0.9, AT.plusSeconds(62)), 10);

            assertThat(projection.handle(new FindDocumentTextQuery("d-1")).pages())
                    .extracting(DocumentPageText::text).containsExactly("Facture F-2026-001 relue");
            assertThat(find("d-1").status()).isEqualTo("UNDERSTANDING");
        }

        @Test
        void anOperatorsTypeWinsAndTheFieldsExtractedAgainForItAreTheLatest() {
            firstRunNeedingValidation();
            projection.on(new DocumentTypeCorrectedEvent("d-1", "credit-note", "invoice", "carol",
                    AT.plusSeconds(100)), 8);
            DocumentField credit = new DocumentField("totalInclTax", "-120.00", 0.9, 2, false, "");
            projection.on(new DocumentFieldsExtractedEvent("d-1", 1, List.of(credit), List.of()), 9,
                    AT.plusSeconds(101));
            projection.on(new DocumentProcessedEvent("d-1", 1, false, List.of(), AT.plusSeconds(102)), 10);

            DocumentView document = find("d-1");
            assertThat(document.type()).isEqualTo("credit-note");
            assertThat(document.typeConfidence()).isEqualTo(1.0);
            assertThat(document.typeSource()).isEqualTo("OPERATOR");
            assertThat(document.fields()).containsExactly(credit);
            assertThat(document.missingFields()).isEmpty();
            assertThat(document.status()).isEqualTo("READY");
            assertThat(document.history()).contains(new DocumentHistoryEntry("TYPE_CORRECTED", AT.plusSeconds(100),
                    "carol", "invoice → credit-note"));
        }

        @Test
        void validatedFieldsAreTheDocumentsAndItLeavesTheQueue() {
            firstRunNeedingValidation();
            assertThat(projection.queue(new ValidationQueueQuery(0, 20)).content())
                    .extracting(DocumentView::documentId).containsExactly("d-1");

            List<DocumentField> given = List.of(NUMBER, new DocumentField("totalInclTax", "125.00", 1, 0, false,
                    "given by carol"), new DocumentField("dueDate", "2026-04-01", 1, 0, false, "given by carol"));
            projection.on(new DocumentFieldsValidatedEvent("d-1", given, List.of("totalInclTax", "dueDate"),
                    List.of(), "carol", AT.plusSeconds(200)), 8);

            DocumentView document = find("d-1");
            assertThat(document.status()).isEqualTo("READY");
            assertThat(document.fields()).isEqualTo(given);
            assertThat(document.missingFields()).isEmpty();
            assertThat(document.validationReasons()).isEmpty();
            assertThat(document.history()).last().isEqualTo(new DocumentHistoryEntry("FIELDS_VALIDATED",
                    AT.plusSeconds(200), "carol", "corrected totalInclTax, dueDate"));
            assertThat(projection.queue(new ValidationQueueQuery(0, 20)).content()).isEmpty();
        }

        @Test
        void anAlertIsOnTheDocumentAndListedOnceNewestFirst() {
            firstRunNeedingValidation();
            DocumentAlertRaisedEvent big = new DocumentAlertRaisedEvent("d-1", "big-invoice", "warning",
                    "invoice above 100.00 EUR", AT.plusSeconds(8));
            projection.on(big, 8);
            projection.on(big, 8);
            projection.on(new DocumentAlertRaisedEvent("d-1", "new-supplier", "info", "supplier not seen before",
                    AT.plusSeconds(9)), 9);

            assertThat(find("d-1").alerts()).containsExactly(
                    new DocumentAlert("big-invoice", "warning", "invoice above 100.00 EUR", AT.plusSeconds(8)),
                    new DocumentAlert("new-supplier", "info", "supplier not seen before", AT.plusSeconds(9)));
            assertThat(find("d-1").history()).extracting(DocumentHistoryEntry::step).filteredOn("ALERT"::equals)
                    .hasSize(2);
            PageResult<DocumentAlertView> alerts = projection.alerts(new ListDocumentAlertsQuery(0, 20));
            assertThat(alerts.content()).containsExactly(
                    new DocumentAlertView("d-1", "March invoice", "new-supplier", "info",
                            "supplier not seen before", AT.plusSeconds(9)),
                    new DocumentAlertView("d-1", "March invoice", "big-invoice", "warning",
                            "invoice above 100.00 EUR", AT.plusSeconds(8)));
        }
    }

    @Nested
    class Listing {

        @Test
        void listsNewestUploadFirstFilteredByStatusTypeTagAndSearch() {
            firstRunNeedingValidation();
            projection.on(new DocumentUploadedEvent("d-2", "Scan", "scan.png", "image/png", 10, "a".repeat(64),
                    List.of("garage"), "bob", AT.plusSeconds(3600)), 0);

            assertThat(ids(projection.page(list(null, null, null)))).containsExactly("d-2", "d-1");
            assertThat(ids(projection.page(list("NEEDS_VALIDATION", null, "suppliers")))).containsExactly("d-1");
            assertThat(ids(projection.page(list(null, "invoice", null)))).containsExactly("d-1");
            assertThat(ids(projection.page(list("FAILED", null, null)))).isEmpty();
            assertThat(ids(projection.page(new ListDocumentsQuery(null, null, null, ListCriteria.searching("MARCH"),
                    0, 20)))).containsExactly("d-1");
            assertThat(ids(projection.page(new ListDocumentsQuery(null, null, null, ListCriteria.searching("scan.p"),
                    0, 20)))).containsExactly("d-2");
            PageResult<DocumentView> second = projection.page(new ListDocumentsQuery(null, null, null, null, 1, 1));
            assertThat(ids(second)).containsExactly("d-1");
            assertThat(second.totalElements()).isEqualTo(2);
        }

        @Test
        void theValidationQueueIsOldestFirst() {
            firstRunNeedingValidation();
            projection.on(new DocumentUploadedEvent("d-0", "Older", "older.pdf", "application/pdf", 10,
                    "b".repeat(64), List.of(), "bob", AT.minusSeconds(3600)), 0);
            projection.on(new DocumentProcessedEvent("d-0", 1, true, List.of("dueDate missing"), AT), 1);

            assertThat(ids(projection.queue(new ValidationQueueQuery(0, 20)))).containsExactly("d-0", "d-1");
        }

        @Test
        void aResetEmptiesTheReadModels() {
            firstRunNeedingValidation();
            projection.on(new DocumentAlertRaisedEvent("d-1", "big-invoice", "warning", "big", AT), 8);

            projection.reset();

            assertThat(find("d-1")).isNull();
            assertThat(projection.handle(new FindDocumentTextQuery("d-1"))).isNull();
            assertThat(projection.alerts(new ListDocumentAlertsQuery(0, 20)).totalElements()).isZero();
        }

        private List<String> ids(PageResult<DocumentView> page) {
            return page.content().stream().map(DocumentView::documentId).toList();
        }
    }

    private static ListDocumentsQuery list(String status, String type, String tag) {
        return new ListDocumentsQuery(status, type, tag, null, 0, 20);
    }
}
