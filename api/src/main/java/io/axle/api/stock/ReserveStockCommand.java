package io.axle.api.stock;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reserves stock for one order line. */
public record ReserveStockCommand(@TargetAggregateIdentifier String sku, String orderId, int quantity) {
}
