package io.axle.api.document;

/**
 * What the documents' live stream says after each change of a document: where its pipeline stands (page
 * {@code pagesRead} of {@code pages} while READING) and its type once known.
 */
public record DocumentUpdate(String documentId, String status, int pagesRead, int pages, String type) {
}
