package io.axle.api.order;

import java.time.Instant;

/** One step of an order's status history. */
public record StatusChange(OrderStatus status, Instant at) {
}
