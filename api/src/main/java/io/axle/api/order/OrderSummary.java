package io.axle.api.order;

import java.math.BigDecimal;
import java.time.Instant;

/** One row of the order list; {@code number} is null for an order placed before orders were numbered. */
public record OrderSummary(String orderId, String number, String customerId, OrderStatus status, String reason, BigDecimal total, String currency, Instant placedAt, Instant updatedAt) {
}
