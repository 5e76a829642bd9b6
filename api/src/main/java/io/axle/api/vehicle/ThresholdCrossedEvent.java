package io.axle.api.vehicle;

import java.time.Instant;

/** Alarm {@code rule} is raised: {@code measure} read {@code value}, beyond {@code limit}. */
public record ThresholdCrossedEvent(String vehicleId, String rule, String measure, double value, double limit,
                                    String frameId, Instant at) {
}
