package io.axle.api.flash;

import java.time.Instant;

/** The backup is being restored because {@code reason}; the job is ROLLING_BACK. */
public record FlashRollbackStartedEvent(String flashJobId, String vehicleId, String reason, Instant startedAt) {
}
