package io.axle.api.sensor;

import java.time.Instant;

/**
 * Asks for a run's readings downsampled into at most {@code buckets} buckets of equal width per sensor ({@link RunSeries}),
 * between {@code from} (inclusive) and {@code to} (exclusive); a null bound means the run's first or last reading.
 */
public record FindRunSeriesQuery(String runId, Instant from, Instant to, int buckets) {
}
