package io.axle.api.firmware;

import java.time.Instant;

/** A firmware may no longer be flashed. */
public record FirmwareWithdrawnEvent(String firmwareId, String reason, String withdrawnBy, Instant withdrawnAt) {
}
