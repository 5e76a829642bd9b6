package io.axle.command.document;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
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
import io.axle.command.RuleViolationException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An uploaded document and where it is in its pipeline. Created only by the {@link DocumentContentRegister} of its
 * bytes, so that no two documents hold the same bytes.
 *
 * <p>States ({@link DocumentStatus}): UPLOADED (run 1 waits) → READING (page n of m) → UNDERSTANDING (every page read)
 * → READY or NEEDS_VALIDATION; FAILED from any step of a run. A reprocess, once a run ended, starts run n+1
 * (REPROCESSING until its first page is read). An operator's validation of the fields makes the document READY; an
 * operator's type correction keeps the state and has the fields read again for that type (then recorded with the same
 * run), and no later run classifies the document again.
 *
 * <p>The pipeline's processors may deliver a command twice (a redelivered event after a crash, a retried dead
 * letter): recording a page already recorded for the run, or any step of a run that is over or superseded, records
 * nothing. A run that FAILED is not over for the step that failed: the retry of its dead letter, once the cause is
 * fixed, records the rest of that step and goes on. Only a replay of the understanding ({@code rerun}) records again
 * for a run that ended, unless an operator validated its fields or a correction's fields are awaited.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Document {

    static final String TEXT_STEP = "text";
    static final String UNDERSTANDING_STEP = "understanding";

    @AggregateIdentifier
    private String documentId;
    private String sha256;
    private String mediaType;
    private DocumentStatus status;
    private int run;
    private int pages;
    private Set<Integer> pagesRead = new HashSet<>();
    private boolean textRecorded;
    private String type;
    private String correctedType;
    private String awaitingFieldsFor;
    private Map<String, DocumentField> fields = new LinkedHashMap<>();
    private boolean fieldsValidated;
    private String failedStep;

    protected Document() {
    }

    /** A new document of the checked upload {@code uploaded}. */
    Document(DocumentUploadedEvent uploaded) {
        apply(uploaded);
    }

    @CommandHandler
    void handle(ReprocessDocumentCommand command) {
        if (DocumentStatus.RUN_UNDER_WAY.contains(status)) {
            throw RuleViolationException.conflict("status", "run-ended", "Run " + run + " of the document is still "
                    + "under way (" + status + "); a document is reprocessed once its run has ended (READY, "
                    + "NEEDS_VALIDATION or FAILED).");
        }
        apply(new DocumentReprocessRequestedEvent(documentId, run + 1, command.requestedBy(), now()));
    }

    @CommandHandler
    void handle(RecordDocumentPageCommand command) {
        if (command.run() != run || !readingText() || pagesRead.contains(command.page())) {
            return;
        }
        if (command.page() < 1 || command.page() > command.pages()) {
            throw RuleViolationException.unprocessable("page", "page-range", "page " + command.page() + " is not one of"
                    + " the " + command.pages() + " pages");
        }
        apply(new DocumentPageReadEvent(documentId, run, command.page(), command.pages(), command.text(),
                command.method(), command.confidence(), command.rotation(), command.deskew()));
    }

    @CommandHandler
    void handle(RecordDocumentTextCommand command) {
        if (command.run() != run || !readingText()) {
            return;
        }
        if (pagesRead.size() != command.pages() || (command.pages() > 0 && pages != command.pages())) {
            throw RuleViolationException.conflict("pages", "every-page-read", "the text of " + command.pages()
                    + " pages cannot be recorded when " + pagesRead.size() + " of " + pages + " were read");
        }
        apply(new DocumentTextExtractedEvent(documentId, run, command.pages(), command.ocrPages(),
                command.characters(), command.meanConfidence(), now()));
    }

    @CommandHandler
    void handle(RecordDocumentUnderstandingCommand command) {
        boolean understanding = status == DocumentStatus.UNDERSTANDING || failedAt(UNDERSTANDING_STEP);
        boolean rerun = command.rerun() && textRecorded && awaitingFieldsFor == null && !fieldsValidated
                && DocumentStatus.UNDERSTOOD.contains(status);
        if (command.run() != run || !(understanding || rerun)) {
            return;
        }
        apply(new DocumentLanguageDetectedEvent(documentId, run, command.language(), command.languageConfidence()));
        if (correctedType == null) {
            apply(new DocumentClassifiedEvent(documentId, run, command.type(), command.typeConfidence(),
                    command.typeSource()));
        }
        apply(new DocumentFieldsExtractedEvent(documentId, run, List.copyOf(command.fields()),
                List.copyOf(command.missingFields())));
        apply(new DocumentProcessedEvent(documentId, run, command.needsValidation(), List.copyOf(command.reasons()),
                now()));
    }

    @CommandHandler
    void handle(RecordRetypedDocumentFieldsCommand command) {
        if (command.run() != run || awaitingFieldsFor == null || !awaitingFieldsFor.equals(command.type())) {
            return;
        }
        apply(new DocumentFieldsExtractedEvent(documentId, run, List.copyOf(command.fields()),
                List.copyOf(command.missingFields())));
        apply(new DocumentProcessedEvent(documentId, run, command.needsValidation(), List.copyOf(command.reasons()),
                now()));
    }

    @CommandHandler
    void handle(RecordDocumentFailureCommand command) {
        boolean open = switch (Objects.requireNonNullElse(command.step(), "")) {
            case TEXT_STEP -> DocumentStatus.READING_TEXT.contains(status);
            case UNDERSTANDING_STEP -> status == DocumentStatus.UNDERSTANDING
                    || (status != DocumentStatus.FAILED && awaitingFieldsFor != null);
            default -> throw RuleViolationException.unprocessable("step", "known-step", "a pipeline step is "
                    + TEXT_STEP + " or " + UNDERSTANDING_STEP);
        };
        if (command.run() != run || !open) {
            return;
        }
        apply(new DocumentProcessingFailedEvent(documentId, run, command.step(), command.page(), command.reason(),
                now()));
    }

    @CommandHandler
    void handle(CorrectDocumentTypeCommand command) {
        if (command.type() == null || command.type().isBlank()) {
            throw RuleViolationException.unprocessable("type", "required", "a correction names the type");
        }
        requireUnderstood("its type is corrected");
        apply(new DocumentTypeCorrectedEvent(documentId, command.type().strip(), type, command.correctedBy(), now()));
    }

    @CommandHandler
    void handle(ValidateDocumentFieldsCommand command) {
        requireUnderstood("its fields are validated");
        if (awaitingFieldsFor != null) {
            throw RuleViolationException.conflict("status", "fields-settled", "the fields are being read again for "
                    + "the type " + awaitingFieldsFor + " an operator gave; validate them once they are recorded");
        }
        Map<String, String> given = new LinkedHashMap<>();
        List<FieldValue> values = command.fields() == null ? List.of() : command.fields();
        for (int i = 0; i < values.size(); i++) {
            FieldValue value = values.get(i);
            String normal = FieldValues.normalise(i, value == null ? null : value.name(),
                    value == null ? null : value.value());
            if (given.put(value.name(), normal) != null) {
                throw RuleViolationException.unprocessable("fields[" + i + "].name", "once",
                        value.name() + " is given twice");
            }
        }
        List<String> remove = command.remove() == null ? List.of() : command.remove();
        for (int i = 0; i < remove.size(); i++) {
            String name = remove.get(i);
            if (name == null || !FieldValues.NAMES.contains(name)) {
                throw RuleViolationException.unprocessable("remove[" + i + "]", "known-field",
                        "'" + name + "' is not a field");
            }
            if (given.containsKey(name)) {
                throw RuleViolationException.unprocessable("remove[" + i + "]", "once",
                        name + " is both given a value and removed");
            }
        }
        String by = command.validatedBy();
        Map<String, DocumentField> held = new LinkedHashMap<>();
        List<String> corrected = new ArrayList<>();
        Map<String, DocumentField> before = new LinkedHashMap<>(fields);
        given.keySet().forEach(name -> before.putIfAbsent(name, null));
        before.forEach((name, field) -> {
            String value = given.get(name);
            if (remove.contains(name)) {
                return;
            }
            if (value == null || (field != null && field.value().equals(value))) {
                held.put(name, confirmed(field, by));
            } else {
                corrected.add(name);
                held.put(name, new DocumentField(name, value, 1.0, 0, false, "corrected by " + by));
            }
        });
        List<String> removed = remove.stream().filter(fields::containsKey).distinct().toList();
        apply(new DocumentFieldsValidatedEvent(documentId, List.copyOf(held.values()), List.copyOf(corrected),
                removed, by, now()));
    }

    /** Whether the run's text is being read: pages and text are recorded (also when a failed reading is retried). */
    private boolean readingText() {
        return DocumentStatus.READING_TEXT.contains(status) || failedAt(TEXT_STEP);
    }

    private boolean failedAt(String step) {
        return status == DocumentStatus.FAILED && step.equals(failedStep);
    }

    private static DocumentField confirmed(DocumentField field, String by) {
        return new DocumentField(field.name(), field.value(), 1.0, field.page(), false, "confirmed by " + by);
    }

    private void requireUnderstood(String action) {
        if (!DocumentStatus.UNDERSTOOD.contains(status)) {
            throw RuleViolationException.conflict("status", "run-ended", "The document is " + status + "; " + action
                    + " once a run has read and understood it (READY or NEEDS_VALIDATION)"
                    + (status == DocumentStatus.FAILED ? ": reprocess it first." : "."));
        }
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(DocumentUploadedEvent event) {
        documentId = event.documentId();
        sha256 = event.sha256();
        mediaType = event.mediaType();
        status = DocumentStatus.UPLOADED;
        run = 1;
    }

    @EventSourcingHandler
    void on(DocumentReprocessRequestedEvent event) {
        run = event.run();
        status = DocumentStatus.REPROCESSING;
        pages = 0;
        pagesRead = new HashSet<>();
        textRecorded = false;
        awaitingFieldsFor = null;
        fieldsValidated = false;
        failedStep = null;
    }

    @EventSourcingHandler
    void on(DocumentPageReadEvent event) {
        pagesRead.add(event.page());
        pages = event.pages();
        status = DocumentStatus.READING;
        failedStep = null;
    }

    @EventSourcingHandler
    void on(DocumentTextExtractedEvent event) {
        textRecorded = true;
        status = DocumentStatus.UNDERSTANDING;
        failedStep = null;
    }

    @EventSourcingHandler
    void on(DocumentClassifiedEvent event) {
        type = event.type();
    }

    @EventSourcingHandler
    void on(DocumentFieldsExtractedEvent event) {
        fields = new LinkedHashMap<>();
        event.fields().forEach(field -> fields.put(field.name(), field));
    }

    @EventSourcingHandler
    void on(DocumentProcessedEvent event) {
        status = event.needsValidation() ? DocumentStatus.NEEDS_VALIDATION : DocumentStatus.READY;
        awaitingFieldsFor = null;
        failedStep = null;
    }

    @EventSourcingHandler
    void on(DocumentProcessingFailedEvent event) {
        status = DocumentStatus.FAILED;
        failedStep = event.step();
    }

    @EventSourcingHandler
    void on(DocumentTypeCorrectedEvent event) {
        type = event.type();
        correctedType = event.type();
        awaitingFieldsFor = event.type();
    }

    @EventSourcingHandler
    void on(DocumentFieldsValidatedEvent event) {
        fields = new LinkedHashMap<>();
        event.fields().forEach(field -> fields.put(field.name(), field));
        fieldsValidated = true;
        status = DocumentStatus.READY;
    }

    // #12 alerts — doc-alerts: the alert rules raised on this document, each once (names in full, so that this block
    // is all the alerts add to the file)
    private final java.util.Set<String> alertsRaised = new java.util.HashSet<>();

    /**
     * Raises alert rule {@code rule} unless it was raised on this document before: a reprocess or a replay of the
     * alert processor then records nothing. Refuses (422) a blank rule or message and an unknown severity.
     */
    @org.axonframework.commandhandling.CommandHandler
    void handle(io.axle.api.document.RaiseDocumentAlertCommand command) {
        io.axle.command.Rules.required(command.rule(), "rule");
        io.axle.command.Rules.required(command.message(), "message");
        if (!java.util.Set.of("info", "warning", "critical").contains(command.severity())) {
            throw io.axle.command.RuleViolationException.unprocessable("severity", "severity",
                    "an alert's severity is info, warning or critical");
        }
        if (!alertsRaised.contains(command.rule())) {
            apply(new io.axle.api.document.DocumentAlertRaisedEvent(documentId, command.rule(), command.severity(),
                    command.message(), org.axonframework.eventhandling.GenericEventMessage.clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(io.axle.api.document.DocumentAlertRaisedEvent event) {
        alertsRaised.add(event.rule());
    }
}
