package io.axle.api.vehicle;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The trouble codes the vehicle reported at {@code at} (a mode 03 answer: the whole set stored in the car, possibly
 * empty), with the readings of that moment (measure name to value). The aggregate records only the changes: a code
 * not active before becomes {@link TroubleCodeDetectedEvent}, an active one missing {@link TroubleCodeClearedEvent}.
 * {@code frameId} is the frame's id, so that a redelivered frame changes nothing.
 */
public record ReportTroubleCodesCommand(@TargetAggregateIdentifier String vehicleId, String frameId,
                                        List<String> codes, Map<String, Double> readings, Instant at) {
}
