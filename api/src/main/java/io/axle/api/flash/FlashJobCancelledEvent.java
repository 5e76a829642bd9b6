package io.axle.api.flash;

import java.time.Instant;

/** The job was cancelled before anything was written: the ECU still runs {@code fromVersion}. */
public record FlashJobCancelledEvent(String flashJobId, String vehicleId, String ecu, String reason,
                                     String cancelledBy, String campaignId, Instant cancelledAt) {
}
