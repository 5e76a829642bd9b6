package io.axle.api.flash;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a flash job once its preconditions held and the vehicle was reserved for it ({@code ReserveFlashCommand}):
 * flash {@code firmwareId} ({@code toVersion}, image {@code sha256} of {@code size} bytes) onto {@code ecu} of the
 * vehicle, through its dongle {@code dongleId}, replacing {@code fromVersion}. {@code campaignId} is null for a flash
 * asked for on its own.
 */
public record RequestFlashCommand(@TargetAggregateIdentifier String flashJobId, String vehicleId, String dongleId,
                                  String ecu, String firmwareId, String fromVersion, String toVersion, String sha256,
                                  long size, String campaignId, String requestedBy) {
}
