package io.axle.api.order;

/** Asks for a page of order summaries, newest first; null filters match everything. */
public record ListOrdersQuery(OrderStatus status, String customerId, int page, int size) {
}
