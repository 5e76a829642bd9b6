package io.axle.api.order;

import io.axle.api.common.ListCriteria;

/**
 * Asks for a page of order summaries, newest first unless {@code criteria} sorts them; null filters match everything.
 * The search finds orders whose number holds it, whatever its case ({@code SO-2026-000001}, {@code so-2026-00},
 * {@code 000001}), or whose order or customer id holds it; the dates bound when the order was placed.
 */
public record ListOrdersQuery(OrderStatus status, String customerId, ListCriteria criteria, int page, int size) {

    /** A page of the orders of {@code status} and {@code customerId}, searching {@code search}. */
    public ListOrdersQuery(OrderStatus status, String customerId, String search, int page, int size) {
        this(status, customerId, ListCriteria.searching(search), page, size);
    }

    /** A page of the orders of {@code status} and {@code customerId}, searching nothing. */
    public ListOrdersQuery(OrderStatus status, String customerId, int page, int size) {
        this(status, customerId, ListCriteria.NONE, page, size);
    }
}
