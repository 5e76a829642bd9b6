package io.axle.api.stock;

import io.axle.api.common.ListCriteria;

/**
 * Asks for a page of stock levels, ordered by SKU unless {@code criteria} sorts them. The search finds SKUs and product
 * names holding it; stock levels have no date, so {@code criteria} bounds none.
 */
public record ListStockLevelsQuery(ListCriteria criteria, int page, int size) {

    /** A page of every stock level by SKU. */
    public ListStockLevelsQuery(int page, int size) {
        this(ListCriteria.NONE, page, size);
    }
}
