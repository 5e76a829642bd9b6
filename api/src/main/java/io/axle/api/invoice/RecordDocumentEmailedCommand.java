package io.axle.api.invoice;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that a document (the invoice or one of its credit notes, by number) was sent to {@code recipient}. */
public record RecordDocumentEmailedCommand(@TargetAggregateIdentifier String invoiceId, String documentNumber,
                                           String recipient, String channel, String messageId) {
}
