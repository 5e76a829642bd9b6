package io.axle.api.flash;

import java.time.Instant;

/**
 * A step was sent to the job's dongle ({@code axle/dongles/{dongleId}/flash/commands}). {@code firmwareId},
 * {@code sha256} and {@code size} name the image the step writes or checks: the firmware's for the forward steps,
 * the backup's checksum (no firmware, size 0) for {@link FlashStep#RESTORE}. {@code requestedBy} is the operator who
 * asked for the job.
 */
public record FlashStepRequestedEvent(String flashJobId, String vehicleId, String dongleId, String ecu,
                                      FlashStep step, int attempt, String firmwareId, String sha256, long size,
                                      String requestedBy, Instant requestedAt) {
}
