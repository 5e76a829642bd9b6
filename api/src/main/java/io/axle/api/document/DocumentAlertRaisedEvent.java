package io.axle.api.document;

import java.time.Instant;

/**
 * Alert rule {@code rule} matched the document: raised once per document and rule, never again by a reprocess or a
 * replay. {@code severity} is {@code info}, {@code warning} or {@code critical}; {@code message} says what matched.
 */
public record DocumentAlertRaisedEvent(String documentId, String rule, String severity, String message,
                                       Instant raisedAt) {
}
