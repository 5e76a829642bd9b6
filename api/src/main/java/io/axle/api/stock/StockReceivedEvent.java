package io.axle.api.stock;

/** Goods were received. */
public record StockReceivedEvent(String sku, int quantity, int onHand) {
}
