package io.axle.api.vehicle;

import java.time.Instant;

/** Alarm {@code rule}, raised since {@code since}, is cleared: {@code measure} read {@code value}. */
public record ThresholdClearedEvent(String vehicleId, String rule, String measure, double value, Instant since,
                                    String frameId, Instant at) {
}
