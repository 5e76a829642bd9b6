package io.axle.api.product;

/**
 * Asks for a page of products ordered by SKU; {@code text} (case-insensitive, part of the SKU or name) and
 * {@code status} narrow it when not null.
 */
public record ListProductsQuery(String text, ProductStatus status, int page, int size) {
}
