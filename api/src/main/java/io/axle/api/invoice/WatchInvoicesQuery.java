package io.axle.api.invoice;

/** Subscribes to invoice views as they change; {@code invoiceId} null watches every invoice. */
public record WatchInvoicesQuery(String invoiceId) {
}
