package io.axle.api.vehicle;

import java.time.Instant;

/** Dongle {@code dongleId} no longer speaks for the vehicle; its key {@code keyId} is revoked. */
public record DongleUnpairedEvent(String vehicleId, String dongleId, String keyId, String unpairedBy,
                                  Instant unpairedAt) {
}
