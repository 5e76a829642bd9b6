package io.axle.billing.store;

import io.axle.billing.DocumentStore;
import io.axle.billing.RenderedDocument;
import io.axle.billing.StoredDocument;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Issued PDFs in MongoDB collection {@code billing_documents}: one document per invoice or credit note,
 * {@code _id} the document id, with {@code number}, {@code sha256}, {@code pdf} (binary) and {@code size}. Putting
 * the same document again replaces it; since rendering is deterministic that writes the same bytes, and a different
 * hash (the certificate or a template changed before the document was issued) is logged.
 */
public class MongoDocumentStore implements DocumentStore {

    static final String COLLECTION = "billing_documents";
    private static final Logger log = LoggerFactory.getLogger(MongoDocumentStore.class);

    private final MongoTemplate mongo;

    public MongoDocumentStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void put(String documentId, String number, RenderedDocument document) {
        if (documentId == null || documentId.isBlank()) {
            throw new IllegalArgumentException("documentId must not be blank");
        }
        Query existingHash = byId(documentId);
        existingHash.fields().include("sha256");
        Document existing = mongo.findOne(existingHash, Document.class, COLLECTION);
        if (existing != null && !document.sha256().equals(existing.getString("sha256"))) {
            log.warn("Document {} ({}) is stored again with SHA-256 {} instead of {}: it was rendered differently"
                            + " (certificate, template or data changed) before being issued; the new file replaces it",
                    documentId, number, document.sha256(), existing.getString("sha256"));
        }
        Document stored = new Document("_id", documentId)
                .append("number", number)
                .append("sha256", document.sha256())
                .append("pdf", new Binary(document.pdf()))
                .append("size", document.pdf().length);
        mongo.getCollection(COLLECTION).replaceOne(byId(documentId).getQueryObject(), stored,
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    @Override
    public Optional<StoredDocument> find(String documentId) {
        Document found = mongo.findOne(byId(documentId), Document.class, COLLECTION);
        if (found == null) {
            return Optional.empty();
        }
        Object pdf = found.get("pdf");
        byte[] bytes = pdf instanceof Binary binary ? binary.getData() : pdf instanceof byte[] raw ? raw : new byte[0];
        return Optional.of(new StoredDocument(documentId, found.getString("number"), found.getString("sha256"),
                bytes));
    }

    /** The record of document {@code documentId}. */
    private static Query byId(String documentId) {
        return Query.query(Criteria.where("_id").is(documentId));
    }
}
