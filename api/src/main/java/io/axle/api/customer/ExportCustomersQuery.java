package io.axle.api.customer;

/**
 * Asks for every customer {@code list} would page through (its page and size are ignored), streamed in its order, at
 * most {@code limit} of them.
 */
public record ExportCustomersQuery(ListCustomersQuery list, int limit) {
}
