package io.axle.api.product;

import io.axle.api.common.ListCriteria;

/**
 * Asks for a page of products ordered by SKU unless {@code criteria} sorts them; {@code status} narrows it when not
 * null. The search finds SKUs and names holding it; products have no date, so {@code criteria} bounds none.
 */
public record ListProductsQuery(ProductStatus status, ListCriteria criteria, int page, int size) {

    /** A page of the products whose SKU or name holds {@code text} (any case), in {@code status} when not null. */
    public ListProductsQuery(String text, ProductStatus status, int page, int size) {
        this(status, ListCriteria.searching(text), page, size);
    }
}
