package io.axle.api.stock;

/** Stock could not be reserved for an order; a business refusal, not a failure. */
public record StockReservationRejectedEvent(String sku, String orderId, int requested, int available, String reason) {
}
