package io.axle.api.vehicle;

import java.time.Instant;

/**
 * Critical: flash job {@code flashJobId} could not restore the ECU's backup. The vehicle should not be driven until a
 * technician re-flashes {@code ecu}; the alarm stays until the ECU is recorded again or a later flash completes.
 */
public record FlashFailureAlarmRaisedEvent(String vehicleId, String flashJobId, String ecu, String reason,
                                           Instant raisedAt) {
}
