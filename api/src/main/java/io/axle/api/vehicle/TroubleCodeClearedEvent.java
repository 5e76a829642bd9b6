package io.axle.api.vehicle;

import java.time.Instant;

/** Trouble code {@code code}, active since {@code detectedAt}, is no longer reported. */
public record TroubleCodeClearedEvent(String vehicleId, String code, Instant detectedAt, String frameId,
                                      Instant clearedAt) {
}
