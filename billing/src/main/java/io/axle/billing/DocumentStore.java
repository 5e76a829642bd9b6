package io.axle.billing;

import java.util.Optional;

/**
 * Where issued PDFs are kept, by document id (an invoice's id or a credit note's). Storing is idempotent: putting the
 * same document again replaces it with identical bytes.
 */
public interface DocumentStore {

    void put(String documentId, String number, RenderedDocument document);

    Optional<StoredDocument> find(String documentId);
}
