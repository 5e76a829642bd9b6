package io.axle.gateway.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.gateway.registry.RunState;
import io.axle.gateway.registry.RunStates;
import io.axle.platform.web.DateRange;

/**
 * The reading rules, the same for every transport: a reading names a RUNNING run and a well-formed sensor, carries a
 * temperature and may carry humidity, pressure and its time. Shape is checked first (every broken rule is reported,
 * 400); only a well-formed reading costs a run lookup (unknown run 422, ended run 409).
 */
public class ReadingRules {

    public static final String REQUIRED = "required";
    public static final String INVALID_TYPE = "invalid-type";
    public static final String PATTERN = "pattern";
    public static final String RANGE = "range";
    public static final String ISO_8601 = "iso-8601";
    public static final String NOT_IN_FUTURE = "not-in-future";
    public static final String RUN_UNKNOWN = "run-unknown";
    public static final String RUN_NOT_RUNNING = "run-not-running";
    public static final String MALFORMED_JSON = "malformed-json";

    /** A device clock may run this much ahead of ours. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    static final int SENSOR_ID_MAX = 64;
    /** Longer ids, or other characters, cannot name a run, so they are refused as unknown without a lookup. */
    public static final int RUN_ID_MAX = 128;

    private final RunStates runs;
    private final Clock clock;

    public ReadingRules(RunStates runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /**
     * Checks a reading given as a JSON object with the fields {@code runId, sensorId, temperature, humidity,
     * pressure, timestamp}.
     *
     * @throws ReadingRefusedException naming the field and rule of each broken rule
     */
    public CheckedReading check(JsonNode reading) {
        Instant receivedAt = clock.instant();
        if (reading == null || !reading.isObject()) {
            throw new ReadingRefusedException(400, null, MALFORMED_JSON, "a reading is a JSON object");
        }
        List<Violation> violations = new ArrayList<>();
        String runId = text(reading, "runId", violations);
        String sensorId = text(reading, "sensorId", violations);
        Double temperature = number(reading, "temperature", violations);
        Double humidity = number(reading, "humidity", violations);
        Double pressure = number(reading, "pressure", violations);
        String timestampText = text(reading, "timestamp", violations);

        if (runId == null && !hasViolation(violations, "runId")) {
            violations.add(new Violation("runId", REQUIRED, "runId is required"));
        }
        if (sensorId == null) {
            if (!hasViolation(violations, "sensorId")) {
                violations.add(new Violation("sensorId", REQUIRED, "sensorId is required"));
            }
        } else if (!isId(sensorId, SENSOR_ID_MAX)) {
            violations.add(new Violation("sensorId", PATTERN,
                    "sensorId must be 1 to 64 characters among A-Z a-z 0-9 . _ : -"));
        }
        if (temperature == null) {
            if (!hasViolation(violations, "temperature")) {
                violations.add(new Violation("temperature", REQUIRED, "temperature is required"));
            }
        } else {
            range(violations, "temperature", temperature, -100, 200, "°C");
        }
        if (humidity != null) {
            range(violations, "humidity", humidity, 0, 100, "%");
        }
        if (pressure != null) {
            range(violations, "pressure", pressure, 300, 1100, "hPa");
        }
        Instant timestamp = null;
        if (timestampText != null) {
            try {
                timestamp = OffsetDateTime.parse(timestampText).toInstant();
                if (!DateRange.isWithin(timestamp)) {
                    violations.add(new Violation("timestamp", DateRange.RULE, "timestamp must be between years "
                            + DateRange.MIN_YEAR + " and " + DateRange.MAX_YEAR));
                } else if (timestamp.isAfter(receivedAt.plus(FUTURE_TOLERANCE))) {
                    violations.add(new Violation("timestamp", NOT_IN_FUTURE,
                            "timestamp must not be more than 5 minutes in the future"));
                }
            } catch (DateTimeParseException e) {
                violations.add(new Violation("timestamp", ISO_8601,
                        "timestamp must be an ISO-8601 date-time with an offset, e.g. 2025-01-31T10:15:30Z"));
            }
        }
        if (!violations.isEmpty()) {
            throw new ReadingRefusedException(400, violations);
        }

        RunState state = isId(runId, RUN_ID_MAX) ? runs.stateOf(runId) : RunState.UNKNOWN;
        if (state == RunState.UNKNOWN) {
            throw new ReadingRefusedException(422, "runId", RUN_UNKNOWN, "run " + runId + " does not exist");
        }
        if (state == RunState.ENDED) {
            throw new ReadingRefusedException(409, "runId", RUN_NOT_RUNNING,
                    "run " + runId + " is not running; readings are accepted only while it runs");
        }
        return new CheckedReading(runId, sensorId, timestamp != null ? timestamp : receivedAt, timestamp != null,
                receivedAt, temperature, humidity, pressure);
    }

    /** 1 to {@code max} characters among {@code A-Z a-z 0-9 . _ : -}. */
    public static boolean isId(String value, int max) {
        int length = value.length();
        if (length == 0 || length > max) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode reading, String field, List<Violation> violations) {
        JsonNode value = reading.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            violations.add(new Violation(field, INVALID_TYPE, field + " must be a string"));
            return null;
        }
        String text = value.textValue().strip();
        return text.isEmpty() ? null : text;
    }

    private static Double number(JsonNode reading, String field, List<Violation> violations) {
        JsonNode value = reading.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            violations.add(new Violation(field, INVALID_TYPE, field + " must be a number"));
            return null;
        }
        return value.doubleValue();
    }

    private static void range(List<Violation> violations, String field, double value, double min, double max,
                              String unit) {
        // written so that NaN fails too
        if (!(value >= min && value <= max)) {
            violations.add(new Violation(field, RANGE, field + " must be between " + format(min) + " and "
                    + format(max) + " " + unit));
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static boolean hasViolation(List<Violation> violations, String field) {
        return violations.stream().anyMatch(v -> field.equals(v.field()));
    }
}
