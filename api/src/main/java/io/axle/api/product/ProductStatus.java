package io.axle.api.product;

/** Whether a product can still be ordered. */
public enum ProductStatus {
    ACTIVE,
    DISCONTINUED
}
