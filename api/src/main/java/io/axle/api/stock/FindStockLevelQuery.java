package io.axle.api.stock;

/** Asks for the stock level of one SKU. */
public record FindStockLevelQuery(String sku) {
}
