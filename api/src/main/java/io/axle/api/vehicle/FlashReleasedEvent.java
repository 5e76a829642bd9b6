package io.axle.api.vehicle;

import java.time.Instant;

/** Flash job {@code flashJobId} no longer holds the vehicle; {@code outcome} is how the job ended. */
public record FlashReleasedEvent(String vehicleId, String flashJobId, String outcome, Instant releasedAt) {
}
