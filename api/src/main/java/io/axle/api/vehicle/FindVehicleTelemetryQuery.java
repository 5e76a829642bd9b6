package io.axle.api.vehicle;

import java.time.Instant;

/**
 * A vehicle's series of one measure between {@code from} (inclusive) and {@code to} (exclusive) at
 * {@code resolution} {@code raw}, {@code 1m} or {@code 1h}. Answers {@link VehicleSeries}.
 */
public record FindVehicleTelemetryQuery(String vehicleId, String measure, Instant from, Instant to,
                                        String resolution) {
}
