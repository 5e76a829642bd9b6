package io.axle.api.order;

/** The order was cancelled. */
public record OrderCancelledEvent(String orderId, String reason) {
}
