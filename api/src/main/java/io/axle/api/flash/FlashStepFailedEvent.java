package io.axle.api.flash;

import java.time.Instant;

/**
 * A step failed: the dongle said so, its answer did not hold (a checksum read back that is not the image's), or no
 * answer came before the step's deadline ({@code timedOut}).
 */
public record FlashStepFailedEvent(String flashJobId, String vehicleId, FlashStep step, int attempt, String reason,
                                   boolean timedOut, Instant failedAt) {
}
