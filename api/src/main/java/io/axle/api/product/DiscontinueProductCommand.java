package io.axle.api.product;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes a product out of sale; orders for it are refused from then on. {@code reason} is optional. */
public record DiscontinueProductCommand(String sku, String reason, String discontinuedBy) {

    /** The product's aggregate identifier, derived from the SKU. */
    @TargetAggregateIdentifier
    public String productId() {
        return Products.id(sku);
    }
}
