package io.axle.api.vehicle;

/** Dongle {@code dongleId} no longer serves vehicle {@code vehicleId} and may be paired again. */
public record DongleReleasedEvent(String dongleId, String vehicleId) {
}
