package io.axle.api.order;

/**
 * Asks for every order summary {@code list} would page through (its page and size are ignored), streamed in its
 * order, at most {@code limit} of them.
 */
public record ExportOrdersQuery(ListOrdersQuery list, int limit) {
}
