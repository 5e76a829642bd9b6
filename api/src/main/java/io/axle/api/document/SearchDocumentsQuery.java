package io.axle.api.document;

import java.time.Instant;

/**
 * Asks for the documents whose text, title or tags match {@code q}, best first; only those of {@code type} and
 * uploaded from {@code from} (inclusive) to {@code to} (exclusive) when they are not null. Answered with a page of
 * {@link DocumentSearchHit}.
 */
public record SearchDocumentsQuery(String q, String type, Instant from, Instant to, int page, int size) {
}
