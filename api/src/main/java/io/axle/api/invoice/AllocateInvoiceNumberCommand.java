package io.axle.api.invoice;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the sequence of {@code company}'s {@code kind} of document in {@code year} ({@link InvoiceNumberSequences#id})
 * for the next number, for the document {@code invoiceId} (an invoice's id, or a credit note's); answers the formatted
 * number. Asking again for the same document answers the same number, so a retry after a lost answer never takes a
 * second one. {@code kind} null means an invoice.
 */
public record AllocateInvoiceNumberCommand(@TargetAggregateIdentifier String sequenceId, String company, int year,
                                           String invoiceId, DocumentKind kind) {

    public AllocateInvoiceNumberCommand {
        kind = kind == null ? DocumentKind.INVOICE : kind;
    }

    /** An invoice number. */
    public AllocateInvoiceNumberCommand(String sequenceId, String company, int year, String invoiceId) {
        this(sequenceId, company, year, invoiceId, DocumentKind.INVOICE);
    }
}
