package io.axle.api.stock;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Corrects the quantity on hand by a signed amount, with the reason. */
public record AdjustStockCommand(@TargetAggregateIdentifier String sku, int quantity, String reason) {
}
