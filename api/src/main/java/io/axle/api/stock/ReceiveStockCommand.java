package io.axle.api.stock;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Receives goods into stock; the first receipt of a SKU creates its stock item. */
public record ReceiveStockCommand(@TargetAggregateIdentifier String sku, int quantity) {
}
