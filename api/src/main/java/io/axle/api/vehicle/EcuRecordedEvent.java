package io.axle.api.vehicle;

import java.time.Instant;

/** The vehicle has ECU {@code ecu} of {@code hardware} running {@code version}. */
public record EcuRecordedEvent(String vehicleId, String ecu, String hardware, String version, String recordedBy,
                               Instant recordedAt) {
}
