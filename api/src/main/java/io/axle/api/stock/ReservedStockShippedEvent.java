package io.axle.api.stock;

/** Reserved goods left the warehouse. */
public record ReservedStockShippedEvent(String sku, String orderId, int quantity, int onHand) {
}
