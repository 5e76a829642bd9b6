package io.axle.api.order;

/** The order left the warehouse. */
public record OrderShippedEvent(String orderId) {
}
