package io.axle.api.vehicle;

import java.time.Instant;

/** The vehicle's own limit for alarm rule {@code rule} is now {@code limit}; null means the fleet's limit again. */
public record VehicleThresholdSetEvent(String vehicleId, String rule, Double limit, String setBy, Instant at) {
}
