package io.axle.api.document;

import java.time.Instant;

/**
 * An operator set the document's type to {@code type} (it was {@code previousType}); the classifier learns from it
 * and later runs of the pipeline keep it.
 */
public record DocumentTypeCorrectedEvent(String documentId, String type, String previousType, String correctedBy,
                                         Instant correctedAt) {
}
