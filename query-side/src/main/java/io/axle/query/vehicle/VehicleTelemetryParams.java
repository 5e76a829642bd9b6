package io.axle.query.vehicle;

import io.axle.api.vehicle.FindVehicleTelemetryQuery;
import io.axle.api.vehicle.VehicleMeasure;
import io.axle.query.Listing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.web.ErrorResponseException;

/**
 * The parameters of {@code GET /api/v1/vehicles/{id}/telemetry}: {@code measure} (one of {@link VehicleMeasure#KEYS},
 * required), {@code resolution} ({@code raw}, {@code 1m} or {@code 1h}; default {@code 1m}), and the instants
 * {@code from} (inclusive) and {@code to} (exclusive). Without {@code to} the range ends now; without {@code from} it
 * spans {@link #DEFAULT_SPAN} of its resolution back from {@code to}; it may span at most {@link #MAX_SPAN}.
 */
public record VehicleTelemetryParams(String measure, String from, String to, String resolution) {

    static final List<String> RESOLUTIONS = List.of(VehicleTelemetry.RAW, VehicleTelemetry.MINUTE,
            VehicleTelemetry.HOUR);
    /** How far back a range without {@code from} reaches, per resolution. */
    static final Map<String, Duration> DEFAULT_SPAN = Map.of(VehicleTelemetry.RAW, Duration.ofHours(1),
            VehicleTelemetry.MINUTE, Duration.ofHours(24), VehicleTelemetry.HOUR, Duration.ofDays(30));
    /** The longest range per resolution: a day of raw frames, a month of minutes, ten years of hours. */
    static final Map<String, Duration> MAX_SPAN = Map.of(VehicleTelemetry.RAW, Duration.ofHours(24),
            VehicleTelemetry.MINUTE, Duration.ofDays(31), VehicleTelemetry.HOUR, Duration.ofDays(3660));

    /**
     * The query these parameters ask for about vehicle {@code vehicleId}.
     *
     * @throws ErrorResponseException a 400 problem naming the parameter and its rule: {@code measure} and
     *         {@code resolution} {@code one-of} (with the {@code allowed} values), {@code from} or {@code to}
     *         {@code iso-instant}, {@code to} {@code after-from}, {@code from} {@code max-range}
     */
    FindVehicleTelemetryQuery toQuery(String vehicleId, Clock clock) {
        String measureName = blankToNull(measure);
        if (measureName == null || !VehicleMeasure.KEYS.contains(measureName)) {
            throw Listing.refusal("measure", "one-of", "measure must be one of "
                    + String.join(", ", VehicleMeasure.KEYS) + "; got '" + (measure == null ? "" : measure) + "'.",
                    VehicleMeasure.KEYS);
        }
        String chosen = blankToNull(resolution) == null ? VehicleTelemetry.MINUTE : resolution.strip();
        if (!RESOLUTIONS.contains(chosen)) {
            throw Listing.refusal("resolution", "one-of", "resolution must be one of " + String.join(", ", RESOLUTIONS)
                    + "; got '" + resolution + "'.", RESOLUTIONS);
        }
        Instant end = instant("to", to);
        Instant start = instant("from", from);
        if (end == null) {
            end = start == null ? clock.instant() : start.plus(DEFAULT_SPAN.get(chosen));
        }
        if (start == null) {
            start = end.minus(DEFAULT_SPAN.get(chosen));
        }
        if (!start.isBefore(end)) {
            throw Listing.refusal("to", "after-from", "to must be after from; got from=" + start + ", to=" + end + ".",
                    null);
        }
        Duration max = MAX_SPAN.get(chosen);
        if (Duration.between(start, end).compareTo(max) > 0) {
            throw Listing.refusal("from", "max-range", "at resolution " + chosen + " the range may span at most " + max
                    + "; choose a later from, an earlier to or a coarser resolution.", null);
        }
        return new FindVehicleTelemetryQuery(vehicleId, measureName, start, end, chosen);
    }

    private static Instant instant(String field, String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw Listing.refusal(field, "iso-instant", field + " must be an ISO instant (2026-03-01T09:00:00Z); got '"
                    + value + "'.", null);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
