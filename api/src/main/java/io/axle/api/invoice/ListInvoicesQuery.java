package io.axle.api.invoice;

/** Asks for a page of invoices, newest first; null filters match everything. */
public record ListInvoicesQuery(String orderId, String customerId, InvoiceStatus status, int page, int size) {
}
