package io.axle.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends an order that could not be fulfilled, with the reason. */
public record RejectOrderCommand(@TargetAggregateIdentifier String orderId, String reason) {
}
