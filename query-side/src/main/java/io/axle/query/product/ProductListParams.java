package io.axle.query.product;

import io.axle.api.product.ProductStatus;
import io.axle.query.PageParams;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The filter and paging of {@code GET /api/v1/products}, beside the {@link io.axle.query.ListParams} every list shares;
 * an unknown {@code status} is a binding error on that field.
 */
record ProductListParams(
        ProductStatus status,
        @Min(0) Integer page,
        @Min(1) @Max(PageParams.MAX_SIZE) Integer size) {

    PageParams paging() {
        return new PageParams(page, size);
    }
}
