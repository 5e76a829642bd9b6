package io.axle.api.invoice;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the sequence of {@code company} in {@code year} ({@link InvoiceNumberSequences#id}) for the next invoice number,
 * for the invoice {@code invoiceId}; answers the formatted number. Asking again for the same invoice answers the same
 * number, so a retry after a lost answer never takes a second one.
 */
public record AllocateInvoiceNumberCommand(@TargetAggregateIdentifier String sequenceId, String company, int year, String invoiceId) {
}
