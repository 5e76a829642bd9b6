package io.axle.documents.search;

import java.time.Instant;
import java.util.List;

/**
 * A document a search found, with its relevance score (higher is better) and snippets of its text as HTML: the
 * matched words in {@code <mark>}, everything else escaped.
 */
public record SearchHit(String documentId, String title, String type, Instant uploadedAt, float score,
                        List<String> snippets) {
}
