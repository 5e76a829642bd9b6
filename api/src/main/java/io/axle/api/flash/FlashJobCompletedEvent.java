package io.axle.api.flash;

import java.time.Instant;

/** The new firmware is installed and verified: the ECU runs {@code toVersion}. */
public record FlashJobCompletedEvent(String flashJobId, String vehicleId, String ecu, String firmwareId,
                                     String fromVersion, String toVersion, String campaignId, Instant completedAt) {
}
