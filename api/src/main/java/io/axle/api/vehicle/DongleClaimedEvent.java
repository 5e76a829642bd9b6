package io.axle.api.vehicle;

/**
 * Dongle {@code dongleId} now serves vehicle {@code vehicleId}: an event of the dongle's own stream
 * ({@code dongle:<id>}), stored in the same transaction as the vehicle's {@link DonglePairedEvent}, so that a dongle
 * serves one vehicle at a time.
 */
public record DongleClaimedEvent(String dongleId, String vehicleId) {
}
