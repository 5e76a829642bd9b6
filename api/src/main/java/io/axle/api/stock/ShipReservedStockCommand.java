package io.axle.api.stock;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes the goods reserved for an order out of stock when it ships. */
public record ShipReservedStockCommand(@TargetAggregateIdentifier String sku, String orderId) {
}
