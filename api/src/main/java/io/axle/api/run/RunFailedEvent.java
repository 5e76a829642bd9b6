package io.axle.api.run;

import java.time.Instant;

/** A run could not go on. */
public record RunFailedEvent(String runId, Instant finishedAt, String reason) {
}
