package io.axle.query.document;

import io.axle.api.document.DocumentAlertView;
import java.time.Instant;
import org.springframework.data.annotation.Id;

/**
 * An alert as stored in the {@value DocumentProjection#ALERTS} collection: one per document and rule (the alert is
 * raised once per document and rule), with the document's title as it was when the alert was raised.
 */
record DocumentAlertRecord(
        @Id String id,
        String documentId,
        String title,
        String rule,
        String severity,
        String message,
        Instant raisedAt) {

    /** The identifier of rule {@code rule}'s alert on document {@code documentId}. */
    static String idOf(String documentId, String rule) {
        return documentId + "|" + rule;
    }

    DocumentAlertView toView() {
        return new DocumentAlertView(documentId, title, rule, severity, message, raisedAt);
    }
}
