package io.axle.api.firmware;

import java.time.Instant;
import java.util.List;

/** A firmware image entered the catalogue; its fields never change afterwards (see {@link ReleaseFirmwareCommand}). */
public record FirmwareReleasedEvent(String firmwareId, String ecu, String version, String sha256, long size,
                                    String fileName, List<String> hardware, String fromVersions, String releaseNotes,
                                    String releasedBy, Instant releasedAt) {
}
