package io.axle.api.flash;

import java.time.Instant;

/** A flash job was accepted; its process starts sending steps to the dongle. */
public record FlashJobRequestedEvent(String flashJobId, String vehicleId, String dongleId, String ecu,
                                     String firmwareId, String fromVersion, String toVersion, String sha256,
                                     long size, String campaignId, String requestedBy, Instant requestedAt) {
}
