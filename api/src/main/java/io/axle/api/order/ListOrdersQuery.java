package io.axle.api.order;

/**
 * Asks for a page of order summaries, newest first; null filters match everything. {@code search} finds orders whose
 * number starts with it, whatever its case ({@code SO-2026-000001}, {@code so-2026-00}), or whose id it is.
 */
public record ListOrdersQuery(OrderStatus status, String customerId, String search, int page, int size) {

    /** A page of the orders of {@code status} and {@code customerId}, searching nothing. */
    public ListOrdersQuery(OrderStatus status, String customerId, int page, int size) {
        this(status, customerId, null, page, size);
    }
}
