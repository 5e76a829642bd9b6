package io.axle.api.document;

/** Asks for one document's text per page; answered with a {@link DocumentText}, or null if none was read. */
public record FindDocumentTextQuery(String documentId) {
}
