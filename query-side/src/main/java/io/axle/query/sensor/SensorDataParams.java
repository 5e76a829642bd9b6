package io.axle.query.sensor;

import io.axle.query.PageParams;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/**
 * Query parameters of {@code GET /api/sensors/data}: the run (required), optionally one sensor, and a time window on the
 * reading timestamp, {@code from} inclusive and {@code to} exclusive, both ISO-8601 instants.
 */
record SensorDataParams(
        @NotBlank String runId,
        @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String sensorId,
        Instant from,
        Instant to,
        @Min(0) Integer page,
        @Min(1) @Max(PageParams.MAX_SIZE) Integer size) {

    PageParams paging() {
        return new PageParams(page, size);
    }
}
