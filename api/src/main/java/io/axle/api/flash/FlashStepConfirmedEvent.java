package io.axle.api.flash;

import java.time.Instant;

/** The dongle confirmed a step; {@code checksum} and {@code version} as in {@link RecordFlashStatusCommand}. */
public record FlashStepConfirmedEvent(String flashJobId, String vehicleId, FlashStep step, int attempt,
                                      String checksum, String version, Instant confirmedAt) {
}
