package io.axle.api.vehicle;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * What the threshold watcher saw of rule {@code rule} (for example {@code coolant-high}) on a frame: {@code crossed}
 * true when the value is beyond the limit, false when it is back within the limit less the hysteresis. The aggregate
 * records only changes ({@link ThresholdCrossedEvent}, {@link ThresholdClearedEvent}); a repeated report changes
 * nothing. {@code measure}, {@code limit} and {@code value} are recorded as seen.
 */
public record ReportThresholdCommand(@TargetAggregateIdentifier String vehicleId, String rule, String measure,
                                     boolean crossed, double value, double limit, String frameId, Instant at) {
}
