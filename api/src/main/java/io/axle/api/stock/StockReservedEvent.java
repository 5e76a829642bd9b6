package io.axle.api.stock;

/** Stock was reserved for an order. */
public record StockReservedEvent(String sku, String orderId, int quantity, int available) {
}
