package io.axle.query.product;

import io.axle.api.product.ProductStatus;
import io.axle.query.PageParams;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * Query parameters of {@code GET /api/v1/products}: {@code q} matches part of the SKU or name, ignoring case; an
 * unknown {@code status} is a binding error on that field.
 */
record ProductListParams(
        @Size(max = 100) String q,
        ProductStatus status,
        @Min(0) Integer page,
        @Min(1) @Max(PageParams.MAX_SIZE) Integer size) {

    PageParams paging() {
        return new PageParams(page, size);
    }
}
