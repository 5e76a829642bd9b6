package io.axle.api.vehicle;

import java.time.Instant;

/** Dongle {@code dongleId} now speaks for the vehicle, with the device API key {@code keyId}. */
public record DonglePairedEvent(String vehicleId, String dongleId, String keyId, String pairedBy, Instant pairedAt) {
}
