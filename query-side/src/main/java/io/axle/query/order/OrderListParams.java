package io.axle.query.order;

import io.axle.api.order.OrderStatus;
import io.axle.query.PageParams;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The filters and paging of {@code GET /api/v1/orders}, beside the {@link io.axle.query.ListParams} every list shares;
 * an unknown {@code status} is a binding error on that field.
 */
record OrderListParams(
        OrderStatus status,
        String customerId,
        @Min(0) Integer page,
        @Min(1) @Max(PageParams.MAX_SIZE) Integer size) {

    PageParams paging() {
        return new PageParams(page, size);
    }
}
