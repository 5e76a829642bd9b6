package io.axle.api.flash;

import java.time.Instant;
import java.util.List;

/**
 * A flash job as {@code GET /api/v1/flash-jobs/{id}} answers it: where it is ({@code step} the current or last one,
 * {@code progressPct} of the transfer), when it started (its first step) and finished, why it did not complete
 * ({@code reason}), and its timeline of steps, each attempt and answer in order.
 */
public record FlashJobView(String flashJobId, String vehicleId, String ecu, String firmwareId, String fromVersion,
                           String toVersion, FlashJobStatus status, FlashStep step, int progressPct,
                           Instant requestedAt, Instant startedAt, Instant finishedAt, String reason,
                           List<StepEntry> steps, String requestedBy, String campaignId) {

    /** One line of the timeline: {@code status} is REQUESTED, CONFIRMED, FAILED or TIMED_OUT. */
    public record StepEntry(FlashStep step, int attempt, String status, String detail, Instant at) {
    }
}
