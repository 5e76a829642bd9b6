package io.axle.api.product;

/** Asks for one product, with its price history. */
public record FindProductQuery(String sku) {
}
