package io.axle.api.invoice;

import java.time.LocalDate;

/** Asks what the invoices a {@link ListInvoicesQuery} with the same filters would list still owe, per currency. */
public record InvoiceTotalsQuery(String orderId, String customerId, InvoiceStatus status, LocalDate overdueOn) {
}
