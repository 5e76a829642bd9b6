package io.axle.api.document;

import java.time.Instant;

/**
 * Bytes already held by document {@code documentId} were uploaded again, as {@code fileName}, by {@code uploadedBy}:
 * no second document was made. Recorded on the content's stream.
 */
public record DocumentDuplicateDetectedEvent(String sha256, String documentId, String fileName, String uploadedBy,
                                             Instant detectedAt) {
}
