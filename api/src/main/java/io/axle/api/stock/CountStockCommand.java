package io.axle.api.stock;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a physical count; the difference to the ledger becomes an adjustment. */
public record CountStockCommand(@TargetAggregateIdentifier String sku, int counted) {
}
