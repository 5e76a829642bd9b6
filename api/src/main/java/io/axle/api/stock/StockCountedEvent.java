package io.axle.api.stock;

/** A physical count was recorded. */
public record StockCountedEvent(String sku, int counted, int difference, int onHand) {
}
