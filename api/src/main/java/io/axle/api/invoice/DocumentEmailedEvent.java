package io.axle.api.invoice;

import java.time.Instant;

/**
 * A document was sent to the customer: {@code channel} is {@code smtp} or {@code outbox} (written to the outbox folder
 * when no SMTP server is configured); {@code messageId} is the mail's Message-ID.
 */
public record DocumentEmailedEvent(String invoiceId, String documentNumber, String recipient, String channel,
                                   String messageId, Instant sentAt) {
}
