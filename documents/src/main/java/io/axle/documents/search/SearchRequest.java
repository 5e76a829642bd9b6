package io.axle.documents.search;

import java.time.Instant;

/**
 * A search: the words {@code text}, only documents of {@code type} and uploaded from {@code from} (inclusive) to
 * {@code to} (exclusive) when they are not null, page {@code page} (from 0) of {@code size} hits.
 */
public record SearchRequest(String text, String type, Instant from, Instant to, int page, int size) {
}
