package io.axle.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Confirms an order whose stock is reserved and payment taken. */
public record ConfirmOrderCommand(@TargetAggregateIdentifier String orderId) {
}
