package io.axle.api.vehicle;

import java.time.Instant;

/** Flash job {@code flashJobId} holds the vehicle: no other flash may start on it until it is released. */
public record FlashReservedEvent(String vehicleId, String flashJobId, String ecu, String firmwareId,
                                 String fromVersion, String toVersion, String requestedBy, Instant reservedAt) {
}
