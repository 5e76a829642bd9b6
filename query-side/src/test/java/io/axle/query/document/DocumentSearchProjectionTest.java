package io.axle.query.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.api.common.PageResult;
import io.axle.api.document.DocumentClassifiedEvent;
import io.axle.api.document.DocumentLanguageDetectedEvent;
import io.axle.api.document.DocumentPageReadEvent;
import io.axle.api.document.DocumentProcessedEvent;
import io.axle.api.document.DocumentSearchHit;
import io.axle.api.document.DocumentTextExtractedEvent;
import io.axle.api.document.DocumentTypeCorrectedEvent;
import io.axle.api.document.DocumentUploadedEvent;
import io.axle.api.document.SearchDocumentsQuery;
import io.axle.documents.search.DocumentSearchIndex;
import io.axle.query.InMemoryMongo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The search projection on a real Lucene index and MongoDB wire server, its handlers called with events. */
class DocumentSearchProjectionTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T09:00:00Z");

    private InMemoryMongo mongo;
    private ByteBuffersDirectory directory;
    private DocumentSearchIndex index;
    private DocumentSearchProjection search;
    private DocumentProjection documents;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        directory = new ByteBuffersDirectory();
        index = new DocumentSearchIndex(directory);
        search = new DocumentSearchProjection(index, mongo.template());
        documents = new DocumentProjection(mongo.template(), SimpleQueryUpdateEmitter.builder().build());
    }

    @AfterEach
    void stop() {
        index.close();
        mongo.close();
    }

    private static DocumentUploadedEvent uploaded(String id, String title) {
        return new DocumentUploadedEvent(id, title, id + ".pdf", "application/pdf", 10, "a".repeat(64),
                List.of("suppliers"), "alice", MARCH);
    }

    private static DocumentPageReadEvent page(String id, int run, int page, int pages, String text) {
        return new DocumentPageReadEvent(id, run, page, pages, text, "text-layer", 1, 0, 0);
    }

    private PageResult<DocumentSearchHit> find(String words) {
        return search.search(new SearchDocumentsQuery(words, null, null, null, 0, 20));
    }

    /** A French invoice read and understood, in the search index and in the documents read model. */
    private void frenchInvoice() {
        search.on(uploaded("d-1", "Scan 42"));
        search.on(page("d-1", 1, 1, 2, "Facture F-2026-001 du 1er mars"));
        search.on(page("d-1", 1, 2, 2, "Total à payer avant l'échéance : 120,00 €"));
        search.on(new DocumentTextExtractedEvent("d-1", 1, 2, 0, 60, 1, MARCH));
        search.on(new DocumentLanguageDetectedEvent("d-1", 1, "fr", 0.98));
        search.on(new DocumentClassifiedEvent("d-1", 1, "invoice", 0.9, "RULES"));
        documents.on(uploaded("d-1", "Scan 42"), 0);
        documents.on(new DocumentProcessedEvent("d-1", 1, false, List.of(), MARCH), 1);
    }

    @Test
    void aReadDocumentIsFoundByItsWordsWithMarkedSnippetsAndItsStatus() {
        frenchInvoice();

        PageResult<DocumentSearchHit> found = find("factures echeance");

        assertThat(found.totalElements()).isEqualTo(1);
        DocumentSearchHit hit = found.content().get(0);
        assertThat(hit.documentId()).isEqualTo("d-1");
        assertThat(hit.title()).isEqualTo("Scan 42");
        assertThat(hit.type()).isEqualTo("invoice");
        assertThat(hit.status()).isEqualTo("READY");
        assertThat(hit.uploadedAt()).isEqualTo(MARCH);
        assertThat(hit.score()).isPositive();
        assertThat(hit.snippets()).anySatisfy(snippet -> assertThat(snippet).contains("<mark>Facture</mark>"));
        assertThat(hit.snippets()).anySatisfy(snippet -> assertThat(snippet).contains("échéance</mark>"));
    }

    @Test
    void theTypeFilterFollowsTheOperatorsCorrection() {
        frenchInvoice();
        search.on(new DocumentTypeCorrectedEvent("d-1", "credit-note", "invoice", "carol", MARCH));

        assertThat(search.search(new SearchDocumentsQuery("facture", "invoice", null, null, 0, 20)).content())
                .isEmpty();
        assertThat(search.search(new SearchDocumentsQuery("facture", "credit-note", null, null, 0, 20)).content())
                .extracting(DocumentSearchHit::documentId).containsExactly("d-1");
    }

    @Test
    void aReprocessReplacesTheTextPageByPage() {
        frenchInvoice();
        search.on(page("d-1", 2, 1, 1, "Avoir A-2026-007"));

        assertThat(find("avoir").content()).extracting(DocumentSearchHit::documentId).containsExactly("d-1");
        assertThat(find("F-2026-001").content()).isEmpty();
        assertThat(find("payer").content()).hasSize(1);

        search.on(new DocumentTextExtractedEvent("d-1", 2, 1, 0, 16, 1, MARCH));

        assertThat(find("payer").content()).isEmpty();
    }

    @Test
    void eventsAppliedTwiceLeaveTheSameIndex() {
        frenchInvoice();
        PageResult<DocumentSearchHit> once = find("facture");

        frenchInvoice();

        assertThat(find("facture")).isEqualTo(once);
    }

    @Test
    void aResetEmptiesTheIndex() {
        frenchInvoice();

        search.reset();

        assertThat(find("facture").content()).isEmpty();
        assertThat(find("facture").totalElements()).isZero();
    }

    @Test
    void aBatchIsWrittenAndCommittedBeforeItsUnitOfWorkCommits() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(uploaded("d-1", "x")));
        AtomicInteger committedAtCommit = new AtomicInteger(-1);
        batch.onCommit(unitOfWork -> committedAtCommit.set(committedDocuments()));
        search.on(uploaded("d-1", "Lease"));
        search.on(page("d-1", 1, 1, 1, "garage lease"));

        assertThat(find("lease").content()).isEmpty();
        assertThat(committedDocuments()).isZero();

        batch.commit();

        assertThat(committedAtCommit).hasValue(1);
        assertThat(find("garage").content()).extracting(DocumentSearchHit::documentId).containsExactly("d-1");
    }

    @Test
    void aBatchRolledBackWritesNothing() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(uploaded("d-1", "x")));
        search.on(uploaded("d-1", "Lease"));

        batch.rollback();

        assertThat(find("lease").content()).isEmpty();
        assertThat(committedDocuments()).isZero();
    }

    private int committedDocuments() {
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.numDocs();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
