package io.axle.query.order;

import io.axle.api.order.OrderStatus;
import io.axle.query.PageParams;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * Query parameters of {@code GET /api/v1/orders}; an unknown {@code status} is a binding error on that field. {@code q}
 * searches by order number (its beginning, any case) or order id.
 */
record OrderListParams(
        OrderStatus status,
        String customerId,
        @Size(max = 100) String q,
        @Min(0) Integer page,
        @Min(1) @Max(PageParams.MAX_SIZE) Integer size) {

    PageParams paging() {
        return new PageParams(page, size);
    }
}
