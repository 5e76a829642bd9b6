package io.axle.api.vehicle;

/**
 * VIN {@code vin} now belongs to vehicle {@code vehicleId}: the first event of the VIN's own stream
 * ({@code vin:<VIN>}), stored in the same transaction as the vehicle's registration, so that no VIN is registered
 * twice.
 */
public record VinClaimedEvent(String vin, String vehicleId) {
}
