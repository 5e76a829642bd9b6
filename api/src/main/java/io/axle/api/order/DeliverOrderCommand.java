package io.axle.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records delivery of a shipped order. */
public record DeliverOrderCommand(@TargetAggregateIdentifier String orderId) {
}
