package io.axle.api.invoice;

/** Asks for one invoice's view. */
public record FindInvoiceQuery(String invoiceId) {
}
