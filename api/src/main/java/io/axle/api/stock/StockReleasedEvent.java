package io.axle.api.stock;

/** A reservation was given back. */
public record StockReleasedEvent(String sku, String orderId, int quantity, int available) {
}
