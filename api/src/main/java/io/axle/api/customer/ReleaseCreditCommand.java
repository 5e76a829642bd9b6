package io.axle.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives back the credit reserved for an order; does nothing when none is held. */
public record ReleaseCreditCommand(@TargetAggregateIdentifier String customerId, String orderId) {
}
