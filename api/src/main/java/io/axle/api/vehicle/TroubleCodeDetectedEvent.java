package io.axle.api.vehicle;

import java.time.Instant;
import java.util.Map;

/**
 * Trouble code {@code code} (P/C/B/U and four characters, for example {@code P0133}) appeared; {@code description}
 * is the bundled table's English text, null for a code it does not know; {@code readings} are the values read in the
 * same moment.
 */
public record TroubleCodeDetectedEvent(String vehicleId, String code, String description,
                                       Map<String, Double> readings, String frameId, Instant detectedAt) {
}
