package io.axle.api.vehicle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Pairs an OBD-II dongle with the vehicle; {@code keyId} is the id (never the secret) of the device API key issued to
 * it. A vehicle holds one dongle at a time and a dongle serves one vehicle (the dongle's claim is checked by the
 * command side before this is sent).
 */
public record PairDongleCommand(@TargetAggregateIdentifier String vehicleId, String dongleId, String keyId,
                                String pairedBy) {
}
