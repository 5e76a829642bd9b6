package io.axle.query.sensor;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;

/**
 * Query parameters of {@code GET /api/runs/{id}/series}: the range, {@code from} inclusive and {@code to} exclusive
 * (ISO-8601 instants, each defaulting to the run's first or last reading), and at most how many buckets per sensor.
 */
record RunSeriesParams(Instant from, Instant to, @Min(1) @Max(RunSeriesParams.MAX_BUCKETS) Integer buckets) {

    static final int DEFAULT_BUCKETS = 120;
    static final int MAX_BUCKETS = 1000;

    int bucketsOrDefault() {
        return buckets == null ? DEFAULT_BUCKETS : buckets;
    }
}
