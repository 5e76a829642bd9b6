package io.axle.api.document;

/** Asks for one document's view. */
public record FindDocumentQuery(String documentId) {
}
