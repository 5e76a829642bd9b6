package io.axle.api.invoice;

import io.axle.api.common.ListCriteria;
import java.time.LocalDate;

/**
 * Asks for a page of invoices, newest first unless {@code criteria} sorts them; null filters match everything.
 * {@code overdueOn}, when given, keeps the invoices overdue on that day: OVERDUE ones, and open ones whose due date is
 * before it (their deadline not yet run). The search finds the invoice and order numbers and the customer name holding
 * it; the dates bound when the invoice was issued.
 */
public record ListInvoicesQuery(String orderId, String customerId, InvoiceStatus status, LocalDate overdueOn,
                                ListCriteria criteria, int page, int size) {

    /** A page of invoices overdue on {@code overdueOn}, with no search, date bounds or sort. */
    public ListInvoicesQuery(String orderId, String customerId, InvoiceStatus status, LocalDate overdueOn, int page,
            int size) {
        this(orderId, customerId, status, overdueOn, ListCriteria.NONE, page, size);
    }

    /** A page of invoices whatever their due date. */
    public ListInvoicesQuery(String orderId, String customerId, InvoiceStatus status, int page, int size) {
        this(orderId, customerId, status, null, page, size);
    }
}
