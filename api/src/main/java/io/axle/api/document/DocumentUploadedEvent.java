package io.axle.api.document;

import java.time.Instant;
import java.util.List;

/**
 * A document was created from an uploaded original: its bytes are stored under {@code sha256}, of type
 * {@code mediaType} (recognised from the bytes) and {@code size} bytes long. {@code title} falls back to the file name;
 * {@code tags} are trimmed, lower-case and distinct.
 */
public record DocumentUploadedEvent(String documentId, String title, String fileName, String mediaType, long size,
                                    String sha256, List<String> tags, String uploadedBy, Instant uploadedAt) {
}
