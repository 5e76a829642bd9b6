package io.axle.api.sensor;

import java.time.Instant;

/** Asks for a page of raw readings of a run, oldest first; null sensor and bounds match everything. */
public record FindReadingsQuery(String runId, String sensorId, Instant from, Instant to, int page, int size) {
}
