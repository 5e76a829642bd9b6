package io.axle.api.order;

/** The order could not be fulfilled. */
public record OrderRejectedEvent(String orderId, String reason) {
}
