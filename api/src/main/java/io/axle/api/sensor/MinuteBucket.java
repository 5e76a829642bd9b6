package io.axle.api.sensor;

import java.time.Instant;

/** The readings of one sensor in one minute, downsampled: the minute start and per-measure statistics. */
public record MinuteBucket(String sensorId, Instant minute, long count, MeasureStatistics temperature, MeasureStatistics humidity, MeasureStatistics pressure) {
}
