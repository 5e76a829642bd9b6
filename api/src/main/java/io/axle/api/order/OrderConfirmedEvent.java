package io.axle.api.order;

import java.math.BigDecimal;

/** The order is confirmed. */
public record OrderConfirmedEvent(String orderId, String customerId, BigDecimal total, String currency) {
}
