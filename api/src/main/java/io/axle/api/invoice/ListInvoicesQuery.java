package io.axle.api.invoice;

import java.time.LocalDate;

/**
 * Asks for a page of invoices, newest first; null filters match everything. {@code overdueOn}, when given, keeps the
 * invoices overdue on that day: OVERDUE ones, and open ones whose due date is before it (their deadline not yet run).
 */
public record ListInvoicesQuery(String orderId, String customerId, InvoiceStatus status, LocalDate overdueOn, int page,
                                int size) {

    /** A page of invoices whatever their due date. */
    public ListInvoicesQuery(String orderId, String customerId, InvoiceStatus status, int page, int size) {
        this(orderId, customerId, status, null, page, size);
    }
}
