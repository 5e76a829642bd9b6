package io.axle.api.document;

import java.time.Instant;

/** An alert as the alerts list shows it: the document it was raised on (with its title) and the alert. */
public record DocumentAlertView(String documentId, String title, String rule, String severity, String message,
                                Instant raisedAt) {
}
