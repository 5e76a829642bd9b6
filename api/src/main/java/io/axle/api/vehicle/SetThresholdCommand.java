package io.axle.api.vehicle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets this vehicle's own limit for alarm rule {@code rule} (one of the fleet's configured rules), or, with a null
 * {@code limit}, takes the fleet's limit back.
 */
public record SetThresholdCommand(@TargetAggregateIdentifier String vehicleId, String rule, Double limit,
                                  String setBy) {
}
