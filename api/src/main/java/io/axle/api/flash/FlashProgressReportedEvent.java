package io.axle.api.flash;

import java.time.Instant;

/** The dongle reported the transfer's progress (only a higher figure than the last one becomes an event). */
public record FlashProgressReportedEvent(String flashJobId, String vehicleId, FlashStep step, int progressPct,
                                         Instant reportedAt) {
}
