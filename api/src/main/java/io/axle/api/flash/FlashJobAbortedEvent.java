package io.axle.api.flash;

import java.time.Instant;

/** The job stopped before anything was written: the ECU still runs {@code fromVersion}. */
public record FlashJobAbortedEvent(String flashJobId, String vehicleId, String ecu, String reason,
                                   String campaignId, Instant abortedAt) {
}
