package io.axle.api.product;

/**
 * Asks for every product {@code list} would page through (its page and size are ignored), streamed in its order, at
 * most {@code limit} of them.
 */
public record ExportProductsQuery(ListProductsQuery list, int limit) {
}
