package io.axle.api.order;

/** Asks for one order with its status history; also the subscription for its live updates. */
public record FindOrderQuery(String orderId) {
}
