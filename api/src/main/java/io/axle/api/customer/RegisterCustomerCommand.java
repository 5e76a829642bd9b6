package io.axle.api.customer;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a customer who can buy on account up to a credit limit. */
public record RegisterCustomerCommand(@TargetAggregateIdentifier String customerId, String name, String email, String country, String currency, BigDecimal creditLimit) {
}
