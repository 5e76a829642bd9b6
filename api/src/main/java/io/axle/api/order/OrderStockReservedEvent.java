package io.axle.api.order;

/** Every line of the order is reserved. */
public record OrderStockReservedEvent(String orderId) {
}
