package io.axle.query.sensor;

import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/**
 * Query parameters of {@code GET /api/runs/{id}/readings}: optionally one sensor, and a time window on the reading
 * timestamp, {@code from} inclusive and {@code to} exclusive.
 */
record ReadingsExportParams(@Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String sensorId, Instant from, Instant to) {
}
