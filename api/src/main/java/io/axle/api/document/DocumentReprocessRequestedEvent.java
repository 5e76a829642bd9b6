package io.axle.api.document;

import java.time.Instant;

/**
 * Someone asked for the document's pipeline to run again with today's rules: run {@code run} (the upload started
 * run 1) reads its original afresh, from the text onwards.
 */
public record DocumentReprocessRequestedEvent(String documentId, int run, String requestedBy, Instant requestedAt) {
}
