package io.axle.query.document;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

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
import io.axle.query.Listing;
import io.axle.query.Pages;
import io.axle.query.ReadModels;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Projects the document events into one {@link DocumentRecord} per document, with its history, the text of each page
 * into {@value #TEXTS} and the alerts into {@value #ALERTS}, and answers the document queries. The record is fed by
 * the document's stream and by the content register of its bytes (the duplicates uploaded); each keeps its own
 * sequence, every write is conditional on it, and either may create the record first, so events applied twice or in
 * any order across the two streams leave the same record. Pages and alerts are written once per page and run, and
 * once per rule, so a replay leaves them as they were.
 *
 * <p>The pipeline's steps are lines of the history; reading pages is one line per run ({@value #READ}, "page n of
 * m"), updated in place as pages are read, so a 40-page scan does not make 40 lines. After each change the record goes
 * to {@link FindDocumentQuery} subscribers of that document and, as a {@link DocumentUpdate}, to
 * {@link WatchDocumentsQuery} subscribers.
 */
@Component
@ProcessingGroup("documents")
public class DocumentProjection {

    static final String COLLECTION = "documents";
    static final String TEXTS = "document_texts";
    static final String ALERTS = "document_alerts";

    static final String UPLOADED = "UPLOADED";
    static final String REPROCESSING = "REPROCESSING";
    static final String READING = "READING";
    static final String UNDERSTANDING = "UNDERSTANDING";
    static final String READY = "READY";
    static final String NEEDS_VALIDATION = "NEEDS_VALIDATION";
    static final String FAILED = "FAILED";

    static final String DUPLICATE_UPLOADED = "DUPLICATE_UPLOADED";
    static final String READ = "READ";
    static final String TEXT_EXTRACTED = "TEXT_EXTRACTED";
    static final String LANGUAGE = "LANGUAGE";
    static final String CLASSIFIED = "CLASSIFIED";
    static final String FIELDS = "FIELDS";
    static final String PROCESSED = "PROCESSED";
    static final String REPROCESS_REQUESTED = "REPROCESS_REQUESTED";
    static final String TYPE_CORRECTED = "TYPE_CORRECTED";
    static final String FIELDS_VALIDATED = "FIELDS_VALIDATED";
    static final String ALERT = "ALERT";
    /** Who the history names for the steps the pipeline takes by itself. */
    static final String PIPELINE = "pipeline";

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("uploadedAt"), Sort.Order.asc("_id"));
    private static final Sort OLDEST_FIRST = Sort.by(Sort.Order.asc("uploadedAt"), Sort.Order.asc("_id"));

    /** The document list: searched by title and file name, dated by upload. */
    static final Listing LISTING = Listing.of(COLLECTION, "_id")
            .searching("title", "fileName")
            .dated("uploadedAt")
            .sortable("uploadedAt", "title", "status", "type")
            .inUsualOrder(NEWEST_FIRST);

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updateEmitter;

    public DocumentProjection(MongoTemplate mongo, QueryUpdateEmitter updateEmitter) {
        this.mongo = mongo;
        this.updateEmitter = updateEmitter;
    }

    /** Creates the indexes the lists need on a real MongoDB; servers that refuse them only cost speed. */
    @PostConstruct
    void createIndexes() {
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("uploadedAt", Sort.Direction.DESC)
                .on("_id", Sort.Direction.ASC).named("uploadedAt_id"));
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("status", Sort.Direction.ASC)
                .on("uploadedAt", Sort.Direction.DESC).named("status_uploadedAt"));
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("type", Sort.Direction.ASC)
                .on("uploadedAt", Sort.Direction.DESC).named("type_uploadedAt"));
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("tags", Sort.Direction.ASC).named("tags"));
        ReadModels.createIndex(mongo, TEXTS, new Index().on("documentId", Sort.Direction.ASC)
                .on("page", Sort.Direction.ASC).named("documentId_page"));
        ReadModels.createIndex(mongo, ALERTS, new Index().on("raisedAt", Sort.Direction.DESC)
                .on("_id", Sort.Direction.ASC).named("raisedAt_id"));
    }

    @EventHandler
    void on(DocumentUploadedEvent event, @SequenceNumber long sequence) {
        DocumentHistoryEntry entry = new DocumentHistoryEntry(UPLOADED, event.uploadedAt(), event.uploadedBy(),
                event.fileName());
        Function<DocumentRecord, Update> change = current -> new Update()
                .set("title", event.title())
                .set("fileName", event.fileName())
                .set("mediaType", event.mediaType())
                .set("size", event.size())
                .set("sha256", event.sha256())
                .set("status", UPLOADED)
                .set("run", 1)
                .set("pages", 0)
                .set("pagesRead", 0)
                .set("tags", event.tags())
                .set("uploadedBy", event.uploadedBy())
                .set("uploadedAt", event.uploadedAt())
                .push("history", entry);
        DocumentRecord fresh = new DocumentRecord(event.documentId(), event.title(), event.fileName(),
                event.mediaType(), event.size(), event.sha256(), UPLOADED, null, null, null, 0, 0, 1, null, null,
                null, List.of(), List.of(), List.of(), null, List.of(), event.tags(), event.uploadedBy(),
                event.uploadedAt(), List.of(entry), sequence, null);
        write(event.documentId(), "sequence", sequence, DocumentRecord::sequenceOrNone, change, fresh);
    }

    /** The same bytes uploaded again: a line in the document's history, no second document. */
    @EventHandler
    void on(DocumentDuplicateDetectedEvent event, @SequenceNumber long sequence) {
        DocumentHistoryEntry entry = new DocumentHistoryEntry(DUPLICATE_UPLOADED, event.detectedAt(),
                event.uploadedBy(), event.fileName());
        write(event.documentId(), "contentSequence", sequence, DocumentRecord::contentSequenceOrNone,
                current -> new Update().push("history", entry),
                DocumentRecord.historyOnly(event.documentId(), entry, sequence));
    }

    /** A new run: the document waits for its first page; the previous run's findings stay until replaced. */
    @EventHandler
    void on(DocumentReprocessRequestedEvent event, @SequenceNumber long sequence) {
        change(event.documentId(), sequence, current -> new Update()
                .set("status", REPROCESSING)
                .set("run", event.run())
                .set("pagesRead", 0)
                .set("failure", null)
                .push("history", new DocumentHistoryEntry(REPROCESS_REQUESTED, event.requestedAt(),
                        event.requestedBy(), "run " + event.run())));
    }

    /**
     * A page read: the document is READING page n of m, its text replaces that page's previous reading, and the run's
     * one {@value #READ} line of the history says how far it got.
     */
    @EventHandler
    void on(DocumentPageReadEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        writePage(event, sequence);
        DocumentHistoryEntry entry = new DocumentHistoryEntry(READ, at, PIPELINE,
                "page " + event.page() + " of " + event.pages() + (event.run() > 1 ? " (run " + event.run() + ")" : ""));
        change(event.documentId(), sequence, current -> {
            int read = current.run() == event.run() ? Math.max(current.pagesRead(), event.page()) : event.page();
            List<DocumentHistoryEntry> history = new ArrayList<>(current.historyOrNone());
            if (!history.isEmpty() && READ.equals(history.get(history.size() - 1).step())) {
                history.set(history.size() - 1, entry);
            } else {
                history.add(entry);
            }
            return new Update()
                    .set("status", READING)
                    .set("run", event.run())
                    .set("pages", event.pages())
                    .set("pagesRead", read)
                    .set("history", history);
        });
    }

    /** Every page read: understanding starts; pages a previous run had beyond this run's count are dropped. */
    @EventHandler
    void on(DocumentTextExtractedEvent event, @SequenceNumber long sequence) {
        mongo.remove(query(where("documentId").is(event.documentId()).and("page").gt(event.pages())
                .and("run").lt(event.run())), TEXTS);
        change(event.documentId(), sequence, current -> new Update()
                .set("status", UNDERSTANDING)
                .set("run", event.run())
                .set("pages", event.pages())
                .set("pagesRead", event.pages())
                .push("history", new DocumentHistoryEntry(TEXT_EXTRACTED, event.extractedAt(), PIPELINE,
                        event.pages() + " pages, " + event.ocrPages() + " by OCR, " + event.characters()
                                + " characters, mean confidence " + percent(event.meanConfidence()))));
    }

    @EventHandler
    void on(DocumentLanguageDetectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.documentId(), sequence, current -> new Update()
                .set("language", event.language())
                .set("languageConfidence", event.confidence())
                .push("history", new DocumentHistoryEntry(LANGUAGE, at, PIPELINE,
                        event.language() + " (" + percent(event.confidence()) + ")")));
    }

    @EventHandler
    void on(DocumentClassifiedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.documentId(), sequence, current -> new Update()
                .set("type", event.type())
                .set("typeConfidence", event.confidence())
                .set("typeSource", event.source())
                .push("history", new DocumentHistoryEntry(CLASSIFIED, at, PIPELINE,
                        event.type() + " (" + percent(event.confidence()) + ", " + event.source() + ")")));
    }

    @EventHandler
    void on(DocumentFieldsExtractedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        List<DocumentField> fields = orNone(event.fields());
        List<String> missing = orNone(event.missingFields());
        long low = fields.stream().filter(DocumentField::needsValidation).count();
        change(event.documentId(), sequence, current -> new Update()
                .set("fields", fields)
                .set("missingFields", missing)
                .push("history", new DocumentHistoryEntry(FIELDS, at, PIPELINE, fields.size() + " fields, " + low
                        + " to validate" + (missing.isEmpty() ? "" : ", missing " + String.join(", ", missing)))));
    }

    @EventHandler
    void on(DocumentProcessedEvent event, @SequenceNumber long sequence) {
        List<String> reasons = event.needsValidation() ? orNone(event.reasons()) : List.of();
        String status = event.needsValidation() ? NEEDS_VALIDATION : READY;
        change(event.documentId(), sequence, current -> new Update()
                .set("status", status)
                .set("validationReasons", reasons)
                .set("failure", null)
                .push("history", new DocumentHistoryEntry(event.needsValidation() ? NEEDS_VALIDATION : PROCESSED,
                        event.processedAt(), PIPELINE, String.join("; ", reasons))));
    }

    @EventHandler
    void on(DocumentProcessingFailedEvent event, @SequenceNumber long sequence) {
        DocumentFailure failure = new DocumentFailure(event.step(), event.page(), event.reason(), event.failedAt());
        change(event.documentId(), sequence, current -> new Update()
                .set("status", FAILED)
                .set("failure", failure)
                .push("history", new DocumentHistoryEntry(FAILED, event.failedAt(), PIPELINE, event.step()
                        + (event.page() > 0 ? " (page " + event.page() + ")" : "") + ": " + event.reason())));
    }

    /** The operator's type wins: confidence 1, source OPERATOR; the pipeline then extracts the fields again. */
    @EventHandler
    void on(DocumentTypeCorrectedEvent event, @SequenceNumber long sequence) {
        change(event.documentId(), sequence, current -> new Update()
                .set("type", event.type())
                .set("typeConfidence", 1.0)
                .set("typeSource", "OPERATOR")
                .push("history", new DocumentHistoryEntry(TYPE_CORRECTED, event.correctedAt(), event.correctedBy(),
                        event.previousType() + " → " + event.type())));
    }

    /** The operator's fields are the document's now; it leaves the validation queue. */
    @EventHandler
    void on(DocumentFieldsValidatedEvent event, @SequenceNumber long sequence) {
        List<DocumentField> fields = orNone(event.fields());
        Set<String> given = fields.stream().map(DocumentField::name).collect(Collectors.toSet());
        List<String> detail = new ArrayList<>();
        if (!orNone(event.corrected()).isEmpty()) {
            detail.add("corrected " + String.join(", ", event.corrected()));
        }
        if (!orNone(event.removed()).isEmpty()) {
            detail.add("removed " + String.join(", ", event.removed()));
        }
        change(event.documentId(), sequence, current -> new Update()
                .set("status", READY)
                .set("fields", fields)
                .set("missingFields", orNone(current.missingFields()).stream()
                        .filter(name -> !given.contains(name)).toList())
                .set("validationReasons", List.of())
                .push("history", new DocumentHistoryEntry(FIELDS_VALIDATED, event.validatedAt(),
                        event.validatedBy(), detail.isEmpty() ? "confirmed" : String.join("; ", detail))));
    }

    /** An alert: on the document, and once in the alerts list (an alert is raised once per document and rule). */
    @EventHandler
    void on(DocumentAlertRaisedEvent event, @SequenceNumber long sequence) {
        DocumentAlert alert = new DocumentAlert(event.rule(), event.severity(), event.message(), event.raisedAt());
        DocumentRecord written = change(event.documentId(), sequence, current -> new Update()
                .push("alerts", alert)
                .push("history", new DocumentHistoryEntry(ALERT, event.raisedAt(), PIPELINE,
                        event.rule() + " (" + event.severity() + "): " + event.message())));
        DocumentRecord document = written != null ? written
                : mongo.findById(event.documentId(), DocumentRecord.class, COLLECTION);
        try {
            mongo.insert(new DocumentAlertRecord(DocumentAlertRecord.idOf(event.documentId(), event.rule()),
                    event.documentId(), document == null ? null : document.title(), event.rule(), event.severity(),
                    event.message(), event.raisedAt()), ALERTS);
        } catch (DuplicateKeyException alreadyListed) {
            // applied before: the alert is listed once
        }
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), COLLECTION);
        mongo.remove(new Query(), TEXTS);
        mongo.remove(new Query(), ALERTS);
    }

    @QueryHandler
    DocumentView handle(FindDocumentQuery query) {
        DocumentRecord found = mongo.findById(query.documentId(), DocumentRecord.class, COLLECTION);
        return found == null || !found.uploaded() ? null : found.toView();
    }

    @QueryHandler
    DocumentText handle(FindDocumentTextQuery query) {
        List<DocumentPageRecord> pages = mongo.find(query(where("documentId").is(query.documentId()))
                .with(Sort.by("page")), DocumentPageRecord.class, TEXTS);
        if (pages.isEmpty()) {
            return null;
        }
        int run = pages.stream().mapToInt(DocumentPageRecord::run).max().orElse(0);
        List<DocumentPageText> texts = pages.stream().map(DocumentPageRecord::toView).toList();
        return new DocumentText(query.documentId(), run, texts);
    }

    /** The live stream starts empty: the list screen has its page already, and every change follows. */
    @QueryHandler
    List<DocumentUpdate> handle(WatchDocumentsQuery query) {
        return List.of();
    }

    /**
     * Declared with the raw {@link PageResult} because Axon 4 matches
     * {@code ResponseTypes.instanceOf(PageResult.class)} only against a non-parameterized return type (AxonFramework
     * issue #1537); the content is {@link DocumentView}.
     */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    PageResult handle(ListDocumentsQuery query) {
        return page(query);
    }

    PageResult<DocumentView> page(ListDocumentsQuery query) {
        Query filter = new Query(where("sequence").ne(null));
        if (query.status() != null) {
            filter.addCriteria(where("status").is(query.status()));
        }
        if (query.type() != null) {
            filter.addCriteria(where("type").is(query.type()));
        }
        if (query.tag() != null) {
            filter.addCriteria(where("tags").is(query.tag()));
        }
        LISTING.filter(filter, query.criteria());
        return Pages.page(mongo, COLLECTION, DocumentRecord.class, filter, LISTING.order(query.criteria()),
                query.page(), query.size(), DocumentRecord::toView);
    }

    /** The validation queue as a raw {@link PageResult} of {@link DocumentView} (see the list's handler). */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    PageResult handle(ValidationQueueQuery query) {
        return queue(query);
    }

    PageResult<DocumentView> queue(ValidationQueueQuery query) {
        return Pages.page(mongo, COLLECTION, DocumentRecord.class, new Query(where("status").is(NEEDS_VALIDATION)),
                OLDEST_FIRST, query.page(), query.size(), DocumentRecord::toView);
    }

    /** The alerts, newest first, as a raw {@link PageResult} of {@code DocumentAlertView} (see the list's handler). */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    PageResult handle(ListDocumentAlertsQuery query) {
        return alerts(query);
    }

    PageResult<DocumentAlertView> alerts(ListDocumentAlertsQuery query) {
        return Pages.page(mongo, ALERTS, DocumentAlertRecord.class, new Query(),
                Sort.by(Sort.Order.desc("raisedAt"), Sort.Order.asc("_id")), query.page(), query.size(),
                DocumentAlertRecord::toView);
    }

    /**
     * The page's text, unless this page was written by this event or a later one: a page of a newer run replaces the
     * older run's.
     */
    private void writePage(DocumentPageReadEvent event, long sequence) {
        String id = DocumentPageRecord.idOf(event.documentId(), event.page());
        Update update = new Update()
                .set("documentId", event.documentId())
                .set("page", event.page())
                .set("run", event.run())
                .set("text", event.text())
                .set("method", event.method())
                .set("confidence", event.confidence())
                .set("rotation", event.rotation())
                .set("deskew", event.deskew())
                .set("sequence", sequence);
        try {
            mongo.upsert(query(where("_id").is(id).and("sequence").lt(sequence)), update, TEXTS);
        } catch (DuplicateKeyException alreadyWritten) {
            // this page was written by this event or a later one
        }
    }

    /**
     * Applies {@code change} to an uploaded document's record unless this event or a later one of its stream was
     * applied, and publishes the record when it changed.
     *
     * @return the record as written, or null if the event had been applied already
     * @throws IllegalStateException if the document's upload was never applied, which its own stream makes impossible,
     *         so that the event is retried rather than lost
     */
    private DocumentRecord change(String documentId, long sequence, Function<DocumentRecord, Update> change) {
        ReadModels.Result<DocumentRecord> result = ReadModels.updateIfNewer(mongo, COLLECTION, DocumentRecord.class,
                "_id", documentId, "sequence", sequence, DocumentRecord::sequenceOrNone, change);
        if (result.outcome() == ReadModels.Outcome.NO_DOCUMENT) {
            throw new IllegalStateException("Document " + documentId + " has no record: its upload was not applied");
        }
        publish(result.document());
        return result.document();
    }

    /**
     * Applies {@code change} to the record unless an event of that stream as new or newer was applied; a record not
     * there yet is written as {@code fresh}, and one the other stream inserted meanwhile gets the change.
     */
    private void write(String documentId, String sequenceField, long sequence,
                       ToLongFunction<DocumentRecord> sequenceOf, Function<DocumentRecord, Update> change,
                       DocumentRecord fresh) {
        ReadModels.Result<DocumentRecord> result = ReadModels.updateIfNewer(mongo, COLLECTION, DocumentRecord.class,
                "_id", documentId, sequenceField, sequence, sequenceOf, change);
        if (result.outcome() != ReadModels.Outcome.NO_DOCUMENT) {
            publish(result.document());
            return;
        }
        try {
            mongo.insert(fresh, COLLECTION);
            publish(fresh);
        } catch (DuplicateKeyException insertedMeanwhile) {
            publish(ReadModels.updateIfNewer(mongo, COLLECTION, DocumentRecord.class, "_id", documentId,
                    sequenceField, sequence, sequenceOf, change).document());
        }
    }

    /** Sends a changed, uploaded record to the subscribers of that document and of every document. */
    private void publish(DocumentRecord record) {
        if (record == null || !record.uploaded()) {
            return;
        }
        updateEmitter.emit(FindDocumentQuery.class, query -> record.documentId().equals(query.documentId()),
                record.toView());
        updateEmitter.emit(WatchDocumentsQuery.class, query -> true, record.toUpdate());
    }

    private static String percent(double confidence) {
        return String.format(Locale.ROOT, "%.0f %%", confidence * 100);
    }

    private static <T> List<T> orNone(List<T> list) {
        return list == null ? List.of() : list;
    }
}
