package io.axle.api.stock;

/**
 * Asks for every stock level {@code list} would page through (its page and size are ignored), streamed in its order,
 * at most {@code limit} of them.
 */
public record ExportStockLevelsQuery(ListStockLevelsQuery list, int limit) {
}
