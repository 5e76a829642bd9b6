package io.axle.api.invoice;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An overdue invoice is to be reminded to its buyer: reminder number {@code reminder} (1 the day it became overdue),
 * with {@code balance} still owed. {@code invoice} is the document as issued, so that the mail can be written from the
 * event alone; it is null for invoices whose aggregate was restored from a snapshot older than reminders.
 */
public record PaymentReminderDueEvent(String invoiceId, int reminder, BigDecimal balance, BillingDocument invoice,
                                      Instant dueAt) {
}
