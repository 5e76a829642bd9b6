package io.axle.api.sensor;

import java.time.Instant;

/** The readings of one sensor in one bucket of a {@link RunSeries}: the bucket start and per-measure statistics. */
public record SeriesBucket(String sensorId, Instant start, long count, MeasureStatistics temperature, MeasureStatistics humidity, MeasureStatistics pressure) {
}
