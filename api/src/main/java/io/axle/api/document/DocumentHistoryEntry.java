package io.axle.api.document;

import java.time.Instant;

/** One step in a document's history: {@code step} (for instance {@code UPLOADED}), when, by whom, and a detail. */
public record DocumentHistoryEntry(String step, Instant at, String by, String detail) {
}
