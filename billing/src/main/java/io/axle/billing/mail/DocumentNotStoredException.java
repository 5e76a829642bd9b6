package io.axle.billing.mail;

/**
 * The PDF of an issued document is not in the document store (yet). Thrown from the mail handler so that the event
 * processor retries the event later instead of skipping the mail.
 */
public class DocumentNotStoredException extends RuntimeException {

    public DocumentNotStoredException(String documentId, String number) {
        super("The PDF of " + number + " (document " + documentId + ") is not in the document store yet; the mail"
                + " is retried. If this lasts, check that the document store is reachable and that the document was"
                + " stored when it was issued");
    }
}
