package io.axle.query.flash;

import io.axle.api.flash.FlashJobStatus;
import io.axle.api.flash.FlashJobView;
import io.axle.api.flash.FlashJobView.StepEntry;
import io.axle.api.flash.FlashStep;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;

/**
 * A flash job as stored in the {@value FlashJobProjection#COLLECTION} collection, every field written from the job's
 * events; {@code sequence} is the aggregate sequence number of the last one applied.
 */
record FlashJobDocument(
        @Id String flashJobId,
        String vehicleId,
        String ecu,
        String firmwareId,
        String fromVersion,
        String toVersion,
        FlashJobStatus status,
        FlashStep step,
        int progressPct,
        Instant requestedAt,
        Instant startedAt,
        Instant finishedAt,
        String reason,
        List<StepEntry> steps,
        String requestedBy,
        String campaignId,
        long sequence) {

    FlashJobView toView() {
        return new FlashJobView(flashJobId, vehicleId, ecu, firmwareId, fromVersion, toVersion, status, step,
                progressPct, requestedAt, startedAt, finishedAt, reason, steps == null ? List.of() : steps,
                requestedBy, campaignId);
    }
}
