package io.axle.query.firmware;

import io.axle.api.firmware.FirmwareStatus;
import io.axle.api.firmware.FirmwareView;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;

/**
 * A firmware as stored in the {@value FirmwareProjection#COLLECTION} collection, written from its release and
 * withdrawal; {@code sequence} is the aggregate sequence number of the last event applied.
 */
record FirmwareDocument(
        @Id String firmwareId,
        String ecu,
        String version,
        String sha256,
        long size,
        String fileName,
        List<String> hardware,
        String fromVersions,
        String releaseNotes,
        FirmwareStatus status,
        String releasedBy,
        Instant releasedAt,
        String withdrawnReason,
        Instant withdrawnAt,
        long sequence) {

    FirmwareView toView() {
        return new FirmwareView(firmwareId, ecu, version, sha256, size, fileName,
                hardware == null ? List.of() : hardware, fromVersions, releaseNotes, status, releasedBy, releasedAt,
                withdrawnReason, withdrawnAt);
    }
}
