package io.axle.api.vehicle;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reserves the vehicle for flash job {@code flashJobId}: refused while another flash runs on it, for an ECU it does
 * not have, for firmware that does not fit the ECU's hardware ({@code hardware} patterns) or its installed version
 * ({@code fromVersions} range), for the version it runs already, and for an older version unless
 * {@code allowDowngrade} (an admin's). Reserving again for the same job changes nothing.
 */
public record ReserveFlashCommand(@TargetAggregateIdentifier String vehicleId, String flashJobId, String ecu,
                                  String firmwareId, String toVersion, List<String> hardware, String fromVersions,
                                  boolean allowDowngrade, String requestedBy) {
}
