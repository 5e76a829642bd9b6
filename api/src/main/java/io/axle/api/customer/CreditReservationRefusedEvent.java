package io.axle.api.customer;

import java.math.BigDecimal;

/** Payment on account was refused for an order; a business refusal, not a failure. */
public record CreditReservationRefusedEvent(String customerId, String orderId, BigDecimal amount, String currency, String reason) {
}
