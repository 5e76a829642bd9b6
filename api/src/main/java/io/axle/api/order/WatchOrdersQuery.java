package io.axle.api.order;

/** Subscribes to changes of order summaries; a null customer id watches every order. */
public record WatchOrdersQuery(String customerId) {
}
