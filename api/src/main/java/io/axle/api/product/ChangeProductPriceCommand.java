package io.axle.api.product;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/** Sets a new unit price, in the product's currency, effective at once. */
public record ChangeProductPriceCommand(String sku, BigDecimal unitPrice, String changedBy) {

    /** The product's aggregate identifier, derived from the SKU. */
    @TargetAggregateIdentifier
    public String productId() {
        return Products.id(sku);
    }
}
