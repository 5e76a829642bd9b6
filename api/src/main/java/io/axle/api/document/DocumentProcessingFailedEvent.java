package io.axle.api.document;

import java.time.Instant;

/**
 * Pipeline run {@code run} failed at {@code step} ({@code text} or {@code understanding}) on page {@code page}
 * (0 for the whole document): the document is FAILED with {@code reason}, which says what to do.
 */
public record DocumentProcessingFailedEvent(String documentId, int run, String step, int page, String reason,
                                            Instant failedAt) {
}
