package io.axle.api.customer;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes payment on account for an order: reserves part of the customer's credit limit. */
public record ReserveCreditCommand(@TargetAggregateIdentifier String customerId, String orderId, BigDecimal amount, String currency) {
}
