package io.axle.api.firmware;

import java.time.Instant;
import java.util.List;

/** A firmware of the catalogue as {@code GET /api/v1/firmware/{id}} answers it. */
public record FirmwareView(String firmwareId, String ecu, String version, String sha256, long size, String fileName,
                           List<String> hardware, String fromVersions, String releaseNotes, FirmwareStatus status,
                           String releasedBy, Instant releasedAt, String withdrawnReason, Instant withdrawnAt) {
}
