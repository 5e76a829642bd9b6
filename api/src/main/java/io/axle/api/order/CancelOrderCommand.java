package io.axle.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels an order that has not shipped. */
public record CancelOrderCommand(@TargetAggregateIdentifier String orderId, String reason) {
}
