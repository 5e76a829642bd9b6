package io.axle.api.invoice;

/** The invoice {@code invoiceId} took number {@code sequence} of its company's year, spelt {@code number}. */
public record InvoiceNumberAllocatedEvent(String sequenceId, String company, int year, long sequence, String number, String invoiceId) {
}
