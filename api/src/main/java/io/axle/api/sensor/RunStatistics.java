package io.axle.api.sensor;

import java.time.Instant;
import java.util.List;

/** Per-run statistics: the run as a whole, each sensor, and the per-minute downsampled series of each sensor. */
public record RunStatistics(String runId, SensorStatistics overall, List<SensorStatistics> sensors, List<MinuteBucket> series, Instant lastReadingAt) {
}
