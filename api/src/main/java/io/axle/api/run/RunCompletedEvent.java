package io.axle.api.run;

import java.time.Instant;

/** A run ended normally. */
public record RunCompletedEvent(String runId, Instant finishedAt, String reason) {
}
