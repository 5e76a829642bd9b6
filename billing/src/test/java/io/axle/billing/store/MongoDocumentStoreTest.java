package io.axle.billing.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.axle.billing.RenderedDocument;
import io.axle.billing.StoredDocument;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The store of issued PDFs on the platform's MongoDB wire server, reached by the real driver. */
class MongoDocumentStoreTest {

    private static final byte[] PDF = "%PDF-1.7 an invoice".getBytes();
    private static final RenderedDocument RENDERED = new RenderedDocument(PDF, "a".repeat(64));

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private MongoDocumentStore store;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "axle-billing-test");
        store = new MongoDocumentStore(mongo);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void keepsThePdfWithItsNumberHashAndSizeUnderTheDocumentId() {
        store.put("invoice-1", "INV-2026-000042", RENDERED);

        Document raw = mongo.findById("invoice-1", Document.class, "billing_documents");
        assertThat(raw).isNotNull();
        assertThat(raw.getString("number")).isEqualTo("INV-2026-000042");
        assertThat(raw.getString("sha256")).isEqualTo("a".repeat(64));
        assertThat(raw.get("pdf", Binary.class).getData()).isEqualTo(PDF);
        assertThat(raw.getInteger("size")).isEqualTo(PDF.length);

        StoredDocument stored = store.find("invoice-1").orElseThrow();
        assertThat(stored.documentId()).isEqualTo("invoice-1");
        assertThat(stored.number()).isEqualTo("INV-2026-000042");
        assertThat(stored.sha256()).isEqualTo("a".repeat(64));
        assertThat(stored.pdf()).isEqualTo(PDF);
    }

    @Test
    void puttingTheSameDocumentAgainKeepsOneCopy() {
        store.put("invoice-1", "INV-2026-000042", RENDERED);
        store.put("invoice-1", "INV-2026-000042", RENDERED);

        assertThat(mongo.getCollection("billing_documents").countDocuments()).isEqualTo(1);
        assertThat(store.find("invoice-1")).get().extracting(StoredDocument::pdf).isEqualTo(PDF);
    }

    @Test
    void aDocumentRenderedAgainDifferentlyReplacesTheEarlierOne() {
        store.put("invoice-1", "INV-2026-000042", RENDERED);
        store.put("invoice-1", "INV-2026-000042", new RenderedDocument("%PDF other".getBytes(), "b".repeat(64)));

        assertThat(mongo.getCollection("billing_documents").countDocuments()).isEqualTo(1);
        assertThat(store.find("invoice-1")).get().extracting(StoredDocument::sha256).isEqualTo("b".repeat(64));
    }

    @Test
    void invoicesAndCreditNotesAreKeptApart() {
        store.put("invoice-1", "INV-2026-000042", RENDERED);
        store.put("credit-note-1", "CN-2026-000007", new RenderedDocument("%PDF cn".getBytes(), "c".repeat(64)));

        assertThat(store.find("credit-note-1")).get().extracting(StoredDocument::number).isEqualTo("CN-2026-000007");
        assertThat(store.find("invoice-1")).get().extracting(StoredDocument::number).isEqualTo("INV-2026-000042");
    }

    @Test
    void anUnknownDocumentIsNotFound() {
        assertThat(store.find("nothing")).isEmpty();
    }

    @Test
    void aBlankIdIsRefused() {
        assertThatThrownBy(() -> store.put(" ", "INV-1", RENDERED)).isInstanceOf(IllegalArgumentException.class);
    }
}
