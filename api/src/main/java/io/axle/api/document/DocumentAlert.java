package io.axle.api.document;

import java.time.Instant;

/** An alert raised on a document, as its view lists it: the rule that matched, its severity and what matched. */
public record DocumentAlert(String rule, String severity, String message, Instant raisedAt) {
}
