package io.axle.api.run;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts a simulation run if a slot is free. Sent to the RunSlots aggregate ({@link RunSlots#ID}), which claims a slot
 * and creates the SimulationRun in the same unit of work; duration and interval are in seconds; {@code name} is an
 * optional label shown instead of the run's id.
 */
public record StartRunCommand(@TargetAggregateIdentifier String slotsId, String runId, String username, int duration, int interval, Map<String, Object> params, String name) {

    /** A run without a name. */
    public StartRunCommand(String slotsId, String runId, String username, int duration, int interval,
                           Map<String, Object> params) {
        this(slotsId, runId, username, duration, interval, params, null);
    }
}
