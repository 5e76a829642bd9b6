package io.axle.api.customer;

import java.math.BigDecimal;

/** Credit was reserved for an order. */
public record CreditReservedEvent(String customerId, String orderId, BigDecimal amount, String currency, BigDecimal availableCredit) {
}
