package io.axle.api.invoice;

import java.time.Instant;

/**
 * Payment reminder {@code reminder} was sent: {@code channel} is {@code smtp} or {@code outbox}, {@code messageId} the
 * mail's Message-ID.
 */
public record PaymentReminderSentEvent(String invoiceId, int reminder, String recipient, String channel,
                                       String messageId, Instant sentAt) {
}
