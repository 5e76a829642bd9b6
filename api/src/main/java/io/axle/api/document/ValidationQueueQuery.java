package io.axle.api.document;

/** Asks for a page of the documents waiting for an operator (NEEDS_VALIDATION), oldest upload first. */
public record ValidationQueueQuery(int page, int size) {
}
