package io.axle.api.stock;

/** Stock of one SKU as the read side shows it. */
public record StockLevel(String sku, int onHand, int reserved, int available) {
}
