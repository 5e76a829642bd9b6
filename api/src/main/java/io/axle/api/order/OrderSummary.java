package io.axle.api.order;

import java.math.BigDecimal;
import java.time.Instant;

/** One row of the order list. */
public record OrderSummary(String orderId, String customerId, OrderStatus status, String reason, BigDecimal total, String currency, Instant placedAt, Instant updatedAt) {
}
