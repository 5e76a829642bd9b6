package io.axle.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ships a confirmed order. */
public record ShipOrderCommand(@TargetAggregateIdentifier String orderId) {
}
