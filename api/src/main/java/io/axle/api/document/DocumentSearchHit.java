package io.axle.api.document;

import java.time.Instant;
import java.util.List;

/**
 * A document found by a search, with its relevance {@code score} (higher is better) and {@code snippets} of its text:
 * HTML in which the matched words are in {@code <mark>} and everything else is escaped.
 */
public record DocumentSearchHit(String documentId, String title, String type, String status, Instant uploadedAt,
                                double score, List<String> snippets) {
}
