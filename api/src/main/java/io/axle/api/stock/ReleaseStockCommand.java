package io.axle.api.stock;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives back what is reserved for an order; does nothing when nothing is. */
public record ReleaseStockCommand(@TargetAggregateIdentifier String sku, String orderId) {
}
