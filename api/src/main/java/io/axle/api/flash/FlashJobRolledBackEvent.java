package io.axle.api.flash;

import java.time.Instant;

/** The backup was restored and verified after {@code reason}: the ECU runs {@code fromVersion} again. */
public record FlashJobRolledBackEvent(String flashJobId, String vehicleId, String ecu, String fromVersion,
                                      String reason, String campaignId, Instant rolledBackAt) {
}
