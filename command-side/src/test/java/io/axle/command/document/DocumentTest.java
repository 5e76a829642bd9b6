package io.axle.command.document;

import io.axle.api.document.CorrectDocumentTypeCommand;
import io.axle.api.document.DocumentClassifiedEvent;
import io.axle.api.document.DocumentField;
import io.axle.api.document.DocumentFieldsExtractedEvent;
import io.axle.api.document.DocumentFieldsValidatedEvent;
import io.axle.api.document.DocumentLanguageDetectedEvent;
import io.axle.api.document.DocumentPageReadEvent;
import io.axle.api.document.DocumentProcessedEvent;
import io.axle.api.document.DocumentProcessingFailedEvent;
import io.axle.api.document.DocumentReprocessRequestedEvent;
import io.axle.api.document.DocumentTextExtractedEvent;
import io.axle.api.document.DocumentTypeCorrectedEvent;
import io.axle.api.document.DocumentUploadedEvent;
import io.axle.api.document.FieldValue;
import io.axle.api.document.RecordDocumentFailureCommand;
import io.axle.api.document.RecordDocumentPageCommand;
import io.axle.api.document.RecordDocumentTextCommand;
import io.axle.api.document.RecordDocumentUnderstandingCommand;
import io.axle.api.document.RecordRetypedDocumentFieldsCommand;
import io.axle.api.document.ReprocessDocumentCommand;
import io.axle.api.document.ValidateDocumentFieldsCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.axle.command.RefusalMatchers.refusal;

/** The document's pipeline, step by step: every transition, every refusal, and commands delivered twice. */
class DocumentTest {

    private static final String ID = "d-1";
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final DocumentUploadedEvent UPLOADED = new DocumentUploadedEvent(ID, "March", "march.pdf",
            "application/pdf", 1234, SHA, List.of(), "alice", AT);
    private static final DocumentField NUMBER = new DocumentField("invoiceNumber", "F-1", 0.95, 1, false, "");
    private static final DocumentField IBAN = new DocumentField("iban", "FR7630006000011234567890189", 0.6, 2, true,
            "several candidates");

    private AggregateTestFixture<Document> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Document.class);
    }

    private static DocumentPageReadEvent page(int run, int page, int pages) {
        return new DocumentPageReadEvent(ID, run, page, pages, "text of page " + page, "ocr", 0.9, 0, 0.0);
    }

    private static RecordDocumentPageCommand recordPage(int run, int page, int pages) {
        return new RecordDocumentPageCommand(ID, run, page, pages, "text of page " + page, "ocr", 0.9, 0, 0.0);
    }

    private static DocumentTextExtractedEvent text(int run, int pages) {
        return new DocumentTextExtractedEvent(ID, run, pages, pages, 100, 0.9, AT);
    }

    private static RecordDocumentUnderstandingCommand understanding(int run, boolean rerun) {
        return new RecordDocumentUnderstandingCommand(ID, run, "fr", 0.97, "invoice", 0.9, "RULES",
                List.of(NUMBER, IBAN), List.of(), true, List.of("iban below its threshold"), rerun);
    }

    private List<Object> understood(int run, boolean withClassification) {
        List<Object> events = new java.util.ArrayList<>();
        events.add(new DocumentLanguageDetectedEvent(ID, run, "fr", 0.97));
        if (withClassification) {
            events.add(new DocumentClassifiedEvent(ID, run, "invoice", 0.9, "RULES"));
        }
        events.add(new DocumentFieldsExtractedEvent(ID, run, List.of(NUMBER, IBAN), List.of()));
        events.add(new DocumentProcessedEvent(ID, run, true, List.of("iban below its threshold"),
                fixture.currentTime()));
        return events;
    }

    /** Run 1 read (two pages) and understood: NEEDS_VALIDATION. */
    private static List<Object> needsValidation() {
        return List.of(UPLOADED, page(1, 1, 2), page(1, 2, 2), text(1, 2),
                new DocumentLanguageDetectedEvent(ID, 1, "fr", 0.97),
                new DocumentClassifiedEvent(ID, 1, "invoice", 0.9, "RULES"),
                new DocumentFieldsExtractedEvent(ID, 1, List.of(NUMBER, IBAN), List.of()),
                new DocumentProcessedEvent(ID, 1, true, List.of("iban below its threshold"), AT));
    }

    private static List<Object> with(List<Object> events, Object... more) {
        List<Object> all = new java.util.ArrayList<>(events);
        all.addAll(List.of(more));
        return all;
    }

    private static DocumentProcessingFailedEvent failedText(int run) {
        return new DocumentProcessingFailedEvent(ID, run, "text", 0, "The PDF cannot be opened", AT);
    }

    @Nested
    class Reprocess {

        @Test
        void refusedWhileRunOneWaits() {
            fixture.given(UPLOADED).when(new ReprocessDocumentCommand(ID, "bob"))
                    .expectException(refusal(409, "status", "run-ended"));
        }

        @Test
        void refusedWhilePagesAreRead() {
            fixture.given(UPLOADED, page(1, 1, 3)).when(new ReprocessDocumentCommand(ID, "bob"))
                    .expectException(refusal(409, "status", "run-ended"));
        }

        @Test
        void refusedWhileTheTextIsUnderstood() {
            fixture.given(UPLOADED, page(1, 1, 1), text(1, 1)).when(new ReprocessDocumentCommand(ID, "bob"))
                    .expectException(refusal(409, "status", "run-ended"));
        }

        @Test
        void refusedWhileTheReprocessWaits() {
            fixture.given(with(needsValidation(), new DocumentReprocessRequestedEvent(ID, 2, "bob", AT)))
                    .when(new ReprocessDocumentCommand(ID, "bob"))
                    .expectException(refusal(409, "status", "run-ended"));
        }

        @Test
        void startsTheNextRunOnceARunEnded() {
            fixture.given(needsValidation()).when(new ReprocessDocumentCommand(ID, "bob"))
                    .expectEvents(new DocumentReprocessRequestedEvent(ID, 2, "bob", fixture.currentTime()));
        }

        @Test
        void startsTheNextRunOfAFailedDocument() {
            fixture.given(UPLOADED, failedText(1), new DocumentReprocessRequestedEvent(ID, 2, "bob", AT),
                            failedText(2))
                    .when(new ReprocessDocumentCommand(ID, "carol"))
                    .expectEvents(new DocumentReprocessRequestedEvent(ID, 3, "carol", fixture.currentTime()));
        }
    }

    @Nested
    class Pages {

        @Test
        void theFirstPageMakesTheDocumentRead() {
            fixture.given(UPLOADED).when(recordPage(1, 1, 2)).expectEvents(page(1, 1, 2));
        }

        @Test
        void aPageRecordedAgainRecordsNothing() {
            fixture.given(UPLOADED, page(1, 1, 2)).when(recordPage(1, 1, 2)).expectNoEvents();
        }

        @Test
        void aPageOfASupersededRunRecordsNothing() {
            fixture.given(UPLOADED, failedText(1), new DocumentReprocessRequestedEvent(ID, 2, "bob", AT))
                    .when(recordPage(1, 1, 2)).expectNoEvents();
        }

        @Test
        void aPageOfTheNewRunIsRecordedThoughTheOldRunReadIt() {
            fixture.given(with(needsValidation(), new DocumentReprocessRequestedEvent(ID, 2, "bob", AT)))
                    .when(recordPage(2, 1, 2)).expectEvents(page(2, 1, 2));
        }

        @Test
        void aPageAfterTheTextWasRecordedRecordsNothing() {
            fixture.given(UPLOADED, page(1, 1, 1), text(1, 1)).when(recordPage(1, 1, 1)).expectNoEvents();
        }

        @Test
        void theRetryOfAFailedReadingRecordsTheRestOfItsPages() {
            fixture.given(UPLOADED, page(1, 1, 3), failedText(1)).when(recordPage(1, 2, 3))
                    .expectEvents(page(1, 2, 3));
        }

        @Test
        void aPageAfterTheUnderstandingFailedRecordsNothing() {
            fixture.given(UPLOADED, page(1, 1, 1), text(1, 1),
                            new DocumentProcessingFailedEvent(ID, 1, "understanding", 0, "boom", AT))
                    .when(recordPage(1, 1, 1)).expectNoEvents();
        }

        @Test
        void aPageOutsideTheDocumentIsRefused() {
            fixture.given(UPLOADED).when(recordPage(1, 3, 2)).expectException(refusal(422, "page", "page-range"));
        }
    }

    @Nested
    class Text {

        @Test
        void recordedOnceEveryPageIsRead() {
            fixture.given(UPLOADED, page(1, 1, 2), page(1, 2, 2))
                    .when(new RecordDocumentTextCommand(ID, 1, 2, 2, 100, 0.9))
                    .expectEvents(new DocumentTextExtractedEvent(ID, 1, 2, 2, 100, 0.9, fixture.currentTime()));
        }

        @Test
        void refusedWhileAPageIsMissing() {
            fixture.given(UPLOADED, page(1, 2, 2)).when(new RecordDocumentTextCommand(ID, 1, 2, 2, 100, 0.9))
                    .expectException(refusal(409, "pages", "every-page-read"));
        }

        @Test
        void recordedAgainRecordsNothing() {
            fixture.given(UPLOADED, page(1, 1, 1), text(1, 1))
                    .when(new RecordDocumentTextCommand(ID, 1, 1, 1, 100, 0.9)).expectNoEvents();
        }
    }

    @Nested
    class Understanding {

        @Test
        void recordsLanguageTypeFieldsAndTheEndOfTheRun() {
            fixture.given(UPLOADED, page(1, 1, 1), text(1, 1)).when(understanding(1, false))
                    .expectEvents(understood(1, true).toArray());
        }

        @Test
        void keepsTheTypeAnOperatorGave() {
            fixture.given(with(needsValidation(),
                            new DocumentTypeCorrectedEvent(ID, "receipt", "invoice", "bob", AT),
                            new DocumentReprocessRequestedEvent(ID, 2, "bob", AT), page(2, 1, 1), text(2, 1)))
                    .when(understanding(2, false))
                    .expectEvents(understood(2, false).toArray());
        }

        @Test
        void redeliveredAfterTheRunEndedRecordsNothing() {
            fixture.given(needsValidation()).when(understanding(1, false)).expectNoEvents();
        }

        @Test
        void aReplayRecordsAgainForTheRunThatEnded() {
            fixture.given(needsValidation()).when(understanding(1, true)).expectEvents(understood(1, true).toArray());
        }

        @Test
        void theRetryOfAFailedUnderstandingRecordsIt() {
            fixture.given(UPLOADED, page(1, 1, 1), text(1, 1),
                            new DocumentProcessingFailedEvent(ID, 1, "understanding", 0, "boom", AT))
                    .when(understanding(1, false))
                    .expectEvents(understood(1, true).toArray());
        }

        @Test
        void aReplayLeavesFieldsAnOperatorValidated() {
            fixture.given(with(needsValidation(), new DocumentFieldsValidatedEvent(ID, List.of(), List.of(),
                            List.of(), "bob", AT)))
                    .when(understanding(1, true)).expectNoEvents();
        }

        @Test
        void aSupersededRunRecordsNothing() {
            fixture.given(with(needsValidation(), new DocumentReprocessRequestedEvent(ID, 2, "bob", AT)))
                    .when(understanding(1, true)).expectNoEvents();
        }
    }

    @Nested
    class TypeCorrection {

        @Test
        void setsTheTypeOnceTheRunEnded() {
            fixture.given(needsValidation()).when(new CorrectDocumentTypeCommand(ID, "receipt", "bob"))
                    .expectEvents(new DocumentTypeCorrectedEvent(ID, "receipt", "invoice", "bob",
                            fixture.currentTime()));
        }

        @Test
        void refusedWhileTheRunIsUnderWay() {
            fixture.given(UPLOADED, page(1, 1, 1), text(1, 1))
                    .when(new CorrectDocumentTypeCommand(ID, "receipt", "bob"))
                    .expectException(refusal(409, "status", "run-ended"));
        }

        @Test
        void refusedForAFailedDocument() {
            fixture.given(UPLOADED, failedText(1)).when(new CorrectDocumentTypeCommand(ID, "receipt", "bob"))
                    .expectException(refusal(409, "status", "run-ended"));
        }

        @Test
        void refusedWithoutType() {
            fixture.given(needsValidation()).when(new CorrectDocumentTypeCommand(ID, " ", "bob"))
                    .expectException(refusal(422, "type", "required"));
        }

        @Test
        void theFieldsReadAgainForTheCorrectedTypeAreRecordedOnce() {
            List<DocumentField> fields = List.of(NUMBER);
            fixture.given(with(needsValidation(), new DocumentTypeCorrectedEvent(ID, "receipt", "invoice", "bob",
                            AT)))
                    .when(new RecordRetypedDocumentFieldsCommand(ID, 1, "receipt", fields, List.of(), false,
                            List.of()))
                    .expectEvents(new DocumentFieldsExtractedEvent(ID, 1, fields, List.of()),
                            new DocumentProcessedEvent(ID, 1, false, List.of(), fixture.currentTime()));
        }

        @Test
        void fieldsForAnEarlierCorrectionRecordNothing() {
            fixture.given(with(needsValidation(),
                            new DocumentTypeCorrectedEvent(ID, "receipt", "invoice", "bob", AT),
                            new DocumentTypeCorrectedEvent(ID, "quote", "receipt", "bob", AT)))
                    .when(new RecordRetypedDocumentFieldsCommand(ID, 1, "receipt", List.of(), List.of(), false,
                            List.of()))
                    .expectNoEvents();
        }

        @Test
        void fieldsRecordedAgainRecordNothing() {
            fixture.given(with(needsValidation(),
                            new DocumentTypeCorrectedEvent(ID, "receipt", "invoice", "bob", AT),
                            new DocumentFieldsExtractedEvent(ID, 1, List.of(), List.of()),
                            new DocumentProcessedEvent(ID, 1, false, List.of(), AT)))
                    .when(new RecordRetypedDocumentFieldsCommand(ID, 1, "receipt", List.of(), List.of(), false,
                            List.of()))
                    .expectNoEvents();
        }
    }

    @Nested
    class Failure {

        @Test
        void aTextFailureWhileReadingFailsTheRun() {
            fixture.given(UPLOADED, page(1, 1, 3))
                    .when(new RecordDocumentFailureCommand(ID, 1, "text", 2, "Page 2 cannot be decoded"))
                    .expectEvents(new DocumentProcessingFailedEvent(ID, 1, "text", 2, "Page 2 cannot be decoded",
                            fixture.currentTime()));
        }

        @Test
        void anUnderstandingFailureFailsTheRun() {
            fixture.given(UPLOADED, page(1, 1, 1), text(1, 1))
                    .when(new RecordDocumentFailureCommand(ID, 1, "understanding", 0, "boom"))
                    .expectEvents(new DocumentProcessingFailedEvent(ID, 1, "understanding", 0, "boom",
                            fixture.currentTime()));
        }

        @Test
        void aFailureRecordedAgainRecordsNothing() {
            fixture.given(UPLOADED, failedText(1))
                    .when(new RecordDocumentFailureCommand(ID, 1, "text", 0, "The PDF cannot be opened"))
                    .expectNoEvents();
        }

        @Test
        void aTextFailureOnceTheTextIsRecordedRecordsNothing() {
            fixture.given(UPLOADED, page(1, 1, 1), text(1, 1))
                    .when(new RecordDocumentFailureCommand(ID, 1, "text", 0, "late")).expectNoEvents();
        }

        @Test
        void anUnknownStepIsRefused() {
            fixture.given(UPLOADED).when(new RecordDocumentFailureCommand(ID, 1, "search", 0, "boom"))
                    .expectException(refusal(422, "step", "known-step"));
        }
    }

    @Nested
    class FieldValidation {

        @Test
        void correctsConfirmsAndRemovesFieldsAndMakesTheDocumentReady() {
            fixture.given(needsValidation())
                    .when(new ValidateDocumentFieldsCommand(ID, List.of(new FieldValue("issueDate", "12/03/2026"),
                            new FieldValue("invoiceNumber", "F-1")), List.of("iban"), "bob"))
                    .expectEvents(new DocumentFieldsValidatedEvent(ID, List.of(
                            new DocumentField("invoiceNumber", "F-1", 1.0, 1, false, "confirmed by bob"),
                            new DocumentField("issueDate", "2026-03-12", 1.0, 0, false, "corrected by bob")),
                            List.of("issueDate"), List.of("iban"), "bob", fixture.currentTime()));
        }

        @Test
        void anAmountIsNormalised() {
            fixture.given(needsValidation())
                    .when(new ValidateDocumentFieldsCommand(ID, List.of(new FieldValue("totalInclTax", "1 234,50 €")),
                            List.of(), "bob"))
                    .expectEvents(new DocumentFieldsValidatedEvent(ID, List.of(
                            new DocumentField("invoiceNumber", "F-1", 1.0, 1, false, "confirmed by bob"),
                            new DocumentField("iban", IBAN.value(), 1.0, 2, false, "confirmed by bob"),
                            new DocumentField("totalInclTax", "1234.50", 1.0, 0, false, "corrected by bob")),
                            List.of("totalInclTax"), List.of(), "bob", fixture.currentTime()));
        }

        @Test
        void anIbanFailingItsChecksumIsRefused() {
            fixture.given(needsValidation())
                    .when(new ValidateDocumentFieldsCommand(ID, List.of(new FieldValue("invoiceNumber", "F-1"),
                            new FieldValue("iban", "FR7630006000011234567890188")), List.of(), "bob"))
                    .expectException(refusal(422, "fields[1].value", "iban"));
        }

        @Test
        void aDateThatIsNoDateIsRefused() {
            fixture.given(needsValidation())
                    .when(new ValidateDocumentFieldsCommand(ID, List.of(new FieldValue("dueDate", "soon")),
                            List.of(), "bob"))
                    .expectException(refusal(422, "fields[0].value", "iso-date"));
        }

        @Test
        void aVinFailingItsCheckDigitIsRefused() {
            fixture.given(needsValidation())
                    .when(new ValidateDocumentFieldsCommand(ID, List.of(new FieldValue("vin", "1G4AH59H45G118342")),
                            List.of(), "bob"))
                    .expectException(refusal(422, "fields[0].value", "vin"));
        }

        @Test
        void anUnknownFieldIsRefused() {
            fixture.given(needsValidation())
                    .when(new ValidateDocumentFieldsCommand(ID, List.of(new FieldValue("colour", "red")),
                            List.of(), "bob"))
                    .expectException(refusal(422, "fields[0].name", "known-field"));
        }

        @Test
        void refusedWhileTheRunIsUnderWay() {
            fixture.given(UPLOADED, page(1, 1, 2))
                    .when(new ValidateDocumentFieldsCommand(ID, List.of(), List.of(), "bob"))
                    .expectException(refusal(409, "status", "run-ended"));
        }

        @Test
        void refusedWhileTheFieldsOfACorrectedTypeAreRead() {
            fixture.given(with(needsValidation(), new DocumentTypeCorrectedEvent(ID, "receipt", "invoice", "bob",
                            AT)))
                    .when(new ValidateDocumentFieldsCommand(ID, List.of(), List.of(), "bob"))
                    .expectException(refusal(409, "status", "fields-settled"));
        }
    }
}
