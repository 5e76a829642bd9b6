package io.axle.api.document;

/** Subscribes to the changes of every document, each as a {@link DocumentUpdate}; the initial result is empty. */
public record WatchDocumentsQuery() {
}
