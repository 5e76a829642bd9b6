package io.axle.api.flash;

import java.time.Instant;

/**
 * The restore failed: the ECU may not start. A critical alarm: the vehicle needs a technician with a flash tool
 * before it is driven.
 */
public record FlashJobFailedEvent(String flashJobId, String vehicleId, String ecu, String reason, String campaignId,
                                  Instant failedAt) {
}
