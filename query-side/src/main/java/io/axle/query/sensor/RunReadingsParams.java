package io.axle.query.sensor;

import jakarta.validation.constraints.NotBlank;

/** Query parameters of {@code GET /api/sensors/updates}: the run to watch (required). */
record RunReadingsParams(@NotBlank String runId) {
}
