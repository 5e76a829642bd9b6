package io.axle.api.run;

import java.time.Instant;
import java.util.Map;

/**
 * A simulation run started; it should end by itself {@code duration} seconds after {@code startedAt}. {@code name} is
 * the label it was given, null for a run started without one (and for every run started before runs had names).
 */
public record RunStartedEvent(String runId, String username, Instant startedAt, int duration, int interval, Map<String, Object> params, String name) {

    /** A run started without a name. */
    public RunStartedEvent(String runId, String username, Instant startedAt, int duration, int interval,
                           Map<String, Object> params) {
        this(runId, username, startedAt, duration, interval, params, null);
    }
}
