package io.axle.api.invoice;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that payment reminder {@code reminder} of an invoice was sent to {@code recipient}. */
public record RecordPaymentReminderSentCommand(@TargetAggregateIdentifier String invoiceId, int reminder,
                                               String recipient, String channel, String messageId) {
}
