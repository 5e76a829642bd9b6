package io.axle.api.vehicle;

import java.time.Instant;

/** Flash job {@code flashJobId} installed {@code toVersion} on the vehicle's ECU {@code ecu}. */
public record EcuFirmwareChangedEvent(String vehicleId, String ecu, String fromVersion, String toVersion,
                                      String firmwareId, String flashJobId, Instant changedAt) {
}
