package io.axle.api.invoice;

/** A requested invoice could not be issued; no number was taken. {@code field} and {@code rule} say what failed. */
public record InvoiceRequestRejectedEvent(String invoiceId, String orderId, String field, String rule, String reason) {
}
