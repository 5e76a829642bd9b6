package io.axle.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that every line of the order is reserved. */
public record MarkOrderStockReservedCommand(@TargetAggregateIdentifier String orderId) {
}
