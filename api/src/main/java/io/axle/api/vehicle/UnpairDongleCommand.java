package io.axle.api.vehicle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Unpairs the vehicle's dongle; its device API key is revoked. */
public record UnpairDongleCommand(@TargetAggregateIdentifier String vehicleId, String unpairedBy) {
}
