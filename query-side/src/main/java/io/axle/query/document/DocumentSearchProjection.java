package io.axle.query.document;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.axle.api.common.PageResult;
import io.axle.api.document.DocumentClassifiedEvent;
import io.axle.api.document.DocumentLanguageDetectedEvent;
import io.axle.api.document.DocumentPageReadEvent;
import io.axle.api.document.DocumentSearchHit;
import io.axle.api.document.DocumentTextExtractedEvent;
import io.axle.api.document.DocumentTypeCorrectedEvent;
import io.axle.api.document.DocumentUploadedEvent;
import io.axle.api.document.SearchDocumentsQuery;
import io.axle.documents.search.DocumentSearchIndex;
import io.axle.documents.search.SearchHit;
import io.axle.documents.search.SearchRequest;
import io.axle.documents.search.SearchResults;
import io.axle.documents.search.SearchableDocument;
import io.axle.query.PageParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects the documents into their full-text search index ({@link DocumentSearchIndex}): title, tags and upload
 * instant, each page's text as the latest run read it (a page of a newer run replaces the older run's, and pages a
 * newer run no longer has are dropped when its text is complete), the language (which picks the stemmer) and the
 * type, the pipeline's or the operator's, whichever came last. Answers {@link SearchDocumentsQuery}, each hit with the
 * document's status from the documents read model.
 *
 * <p>Its own tracking processor, replayable: a reset empties the index and a replay rebuilds it from the events.
 * Within a batch of events the changed documents are kept aside and written to the index once each, then committed,
 * in the prepare-commit phase of the batch's unit of work, that is before the transaction that stores the
 * processor's token commits: the token never passes an event whose write is not durable in the index (ADR 0026).
 * The new state is searchable as soon as the batch is committed.
 */
@Component
@ProcessingGroup("document-search")
public class DocumentSearchProjection {

    private static final String PENDING = DocumentSearchProjection.class.getName() + ".pending";

    private final DocumentSearchIndex index;
    private final MongoTemplate mongo;

    public DocumentSearchProjection(DocumentSearchIndex index, MongoTemplate mongo) {
        this.index = index;
        this.mongo = mongo;
    }

    @EventHandler
    void on(DocumentUploadedEvent event) {
        change(event.documentId(), document -> document.withUpload(event.title(), event.tags(), event.uploadedAt()));
    }

    @EventHandler
    void on(DocumentPageReadEvent event) {
        change(event.documentId(), document -> document.withPage(event.run(), event.page(), event.text()));
    }

    @EventHandler
    void on(DocumentTextExtractedEvent event) {
        change(event.documentId(), document -> document.withPageCount(event.run(), event.pages()));
    }

    @EventHandler
    void on(DocumentLanguageDetectedEvent event) {
        change(event.documentId(), document -> document.withLanguage(event.language()));
    }

    @EventHandler
    void on(DocumentClassifiedEvent event) {
        change(event.documentId(), document -> document.withType(event.type()));
    }

    @EventHandler
    void on(DocumentTypeCorrectedEvent event) {
        change(event.documentId(), document -> document.withType(event.type()));
    }

    @ResetHandler
    void reset() {
        index.clear();
        index.commit();
        index.refresh();
    }

    /**
     * Declared with the raw {@link PageResult} because Axon 4 matches
     * {@code ResponseTypes.instanceOf(PageResult.class)} only against a non-parameterized return type (AxonFramework
     * issue #1537); the content is {@link DocumentSearchHit}.
     */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    PageResult handle(SearchDocumentsQuery query) {
        return search(query);
    }

    PageResult<DocumentSearchHit> search(SearchDocumentsQuery query) {
        int size = PageParams.clampSize(query.size());
        int page = Math.max(query.page(), 0);
        SearchResults results = index.search(new SearchRequest(query.q(), query.type(), query.from(), query.to(),
                page, size));
        List<String> ids = results.hits().stream().map(SearchHit::documentId).toList();
        Map<String, String> statuses = ids.isEmpty() ? Map.of() : mongo.find(query(where("_id").in(ids)),
                        DocumentRecord.class, DocumentProjection.COLLECTION).stream()
                .filter(record -> record.status() != null)
                .collect(Collectors.toMap(DocumentRecord::documentId, DocumentRecord::status));
        List<DocumentSearchHit> hits = results.hits().stream().map(hit -> new DocumentSearchHit(hit.documentId(),
                hit.title(), hit.type(), statuses.get(hit.documentId()), hit.uploadedAt(), hit.score(),
                hit.snippets())).toList();
        return new PageResult<>(hits, page, size, results.total());
    }

    /**
     * Applies {@code change} to the document's indexed state. In a unit of work (a processor's batch), the state is
     * kept aside and written, committed and made searchable once for the whole batch as it prepares to commit;
     * called directly (tests), it is written and committed at once.
     */
    private void change(String documentId, UnaryOperator<SearchableDocument> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            index.put(change.apply(current(documentId)));
            index.commit();
            index.refresh();
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Map<String, SearchableDocument> pending = batch.getOrComputeResource(PENDING, key -> {
            Map<String, SearchableDocument> changed = new LinkedHashMap<>();
            batch.onPrepareCommit(unitOfWork -> {
                changed.values().forEach(index::put);
                index.commit();
                index.refresh();
            });
            return changed;
        });
        pending.put(documentId, change.apply(pending.computeIfAbsent(documentId, this::current)));
    }

    /** The document as the index holds it, or a document nothing is known of yet. */
    private SearchableDocument current(String documentId) {
        return index.find(documentId).orElseGet(() -> SearchableDocument.uploaded(documentId, null, List.of(), null));
    }
}
