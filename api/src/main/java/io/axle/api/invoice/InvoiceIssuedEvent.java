package io.axle.api.invoice;

/** An invoice was issued; from now on it never changes. The signed PDF's SHA-256 is {@code pdfSha256}. */
public record InvoiceIssuedEvent(String invoiceId, String orderId, String customerId, BillingDocument document,
                                 String pdfSha256) {
}
