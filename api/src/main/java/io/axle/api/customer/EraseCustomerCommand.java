package io.axle.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erases a customer's personal data (GDPR right to erasure); business facts such as amounts and orders stay. */
public record EraseCustomerCommand(@TargetAggregateIdentifier String customerId) {
}
