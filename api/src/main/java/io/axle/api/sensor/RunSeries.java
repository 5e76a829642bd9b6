package io.axle.api.sensor;

import java.time.Instant;
import java.util.List;

/**
 * A run's readings downsampled for a chart: the range covered ({@code from} inclusive, {@code to} exclusive, both null
 * while the run has no readings), the width of each bucket in seconds, and the buckets by start, then sensor; a
 * bucket without readings is left out.
 */
public record RunSeries(String runId, Instant from, Instant to, long bucketSeconds, List<SeriesBucket> buckets) {
}
