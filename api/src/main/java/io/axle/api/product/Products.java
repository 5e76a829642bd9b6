package io.axle.api.product;

/**
 * How a product's stream is named: {@code product:<SKU>}. Stock items already use the bare SKU as their aggregate
 * identifier, and identifiers are unique across aggregate types in the event store, so the catalogue prefixes its own.
 */
public record Products() {

    /** Prefix of every product's aggregate identifier. */
    public static final String ID_PREFIX = "product:";

    /** Identifier of the product aggregate of {@code sku}, e.g. {@code product:BRK-001}. */
    public static String id(String sku) {
        return ID_PREFIX + sku;
    }
}
