package io.axle.api.stock;

/** Asks for a page of stock levels, ordered by SKU. */
public record ListStockLevelsQuery(int page, int size) {
}
