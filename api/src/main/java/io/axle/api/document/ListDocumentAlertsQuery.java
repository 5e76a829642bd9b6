package io.axle.api.document;

/** Asks for a page of the alerts raised on documents, newest first. */
public record ListDocumentAlertsQuery(int page, int size) {
}
