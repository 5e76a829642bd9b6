package io.axle.api.run;

import java.time.Instant;

/** A run was stopped before its time. */
public record RunInterruptedEvent(String runId, Instant finishedAt, String reason) {
}
