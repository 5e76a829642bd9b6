package io.axle.api.document;

import java.time.Instant;
import java.util.List;

/**
 * An operator confirmed or corrected the document's fields: {@code fields} are the values now held (each with
 * confidence 1), {@code corrected} names those whose value changed and {@code removed} those dropped. The document
 * leaves the validation queue.
 */
public record DocumentFieldsValidatedEvent(String documentId, List<DocumentField> fields, List<String> corrected,
                                           List<String> removed, String validatedBy, Instant validatedAt) {
}
