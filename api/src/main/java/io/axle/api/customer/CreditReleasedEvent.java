package io.axle.api.customer;

import java.math.BigDecimal;

/** Credit reserved for an order was given back. */
public record CreditReleasedEvent(String customerId, String orderId, BigDecimal amount, BigDecimal availableCredit) {
}
