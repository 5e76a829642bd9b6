package io.axle.api.run;

import java.time.Instant;
import java.util.Map;

/** A simulation run started; it should end by itself {@code duration} seconds after {@code startedAt}. */
public record RunStartedEvent(String runId, String username, Instant startedAt, int duration, int interval, Map<String, Object> params) {
}
