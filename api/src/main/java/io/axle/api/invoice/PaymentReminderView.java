package io.axle.api.invoice;

import java.time.Instant;

/** A payment reminder sent for an invoice: which one ({@code 1} the first), to whom, how and when. */
public record PaymentReminderView(int reminder, String recipient, String channel, Instant sentAt) {
}
