package io.axle.api.product;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/**
 * Adds a product to the catalogue; {@code description}, {@code unit} and {@code reorderPoint} are optional.
 * {@code vatCategory} names a VAT rate category ({@code STANDARD}, {@code REDUCED}, ...).
 */
public record CreateProductCommand(String sku, String name, String description, BigDecimal unitPrice, String currency,
                                   String vatCategory, String unit, Integer reorderPoint, String createdBy) {

    /** The product's aggregate identifier, derived from the SKU. */
    @TargetAggregateIdentifier
    public String productId() {
        return Products.id(sku);
    }
}
