package io.axle.billing;

import java.util.Optional;

/**
 * Where issued PDFs are kept, by document id: an invoice's id, or {@link #creditNoteId} for a credit note, which names
 * its invoice so that a credit note is only ever found under the invoice it corrects. Storing is idempotent: putting
 * the same document again replaces it with identical bytes.
 */
public interface DocumentStore {

    /** The document id of credit note {@code creditNoteId} of invoice {@code invoiceId}. */
    static String creditNoteId(String invoiceId, String creditNoteId) {
        return invoiceId + "/credit-notes/" + creditNoteId;
    }

    void put(String documentId, String number, RenderedDocument document);

    Optional<StoredDocument> find(String documentId);
}
