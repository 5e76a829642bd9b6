package io.axle.api.order;

/** The order was delivered. */
public record OrderDeliveredEvent(String orderId) {
}
