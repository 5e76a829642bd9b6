package io.axle.gateway.vehicle;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.api.vehicle.VehicleMeasure;
import io.axle.gateway.ingest.ReadingRefusedException;
import io.axle.gateway.ingest.ReadingRules;
import io.axle.gateway.ingest.Violation;
import io.axle.platform.web.DateRange;
import io.axle.vehicles.obd.FrameException;
import io.axle.vehicles.obd.ObdDecoder;

/**
 * The frame rules, the same for every transport. A frame is a JSON object with {@code at} (an ISO-8601 instant, at most
 * {@link ReadingRules#FUTURE_TOLERANCE} ahead of the gateway's clock) and either what the dongle read from the car
 * ({@code pids}: mode 01 data bytes in hex per PID, {@code dtc}: the mode 03 answer in hex) or values it decoded itself
 * ({@code values}: measure name to number, {@code troubleCodes}: codes like {@code P0133}), never both forms. The shape
 * is checked first and every broken rule reported (400); then the frame is decoded with the SAE J1979 formulas of
 * {@link ObdDecoder}, which refuses malformed hex (400) and unsupported PIDs, bad mode 03 answers and impossible values
 * (422), naming the field ({@code pids.0C}, {@code dtc}, {@code values.rpm}) and the rule.
 */
public class FrameRules {

    public static final String ONE_FORM = "one-form";
    public static final String UNKNOWN_FIELD = "unknown-field";
    /** The decoder's rule for a value named after no measure of {@link VehicleMeasure}. */
    public static final String UNKNOWN_MEASURE = "unknown-measure";
    public static final String EMPTY_FRAME = "empty-frame";

    /** FrameException rules that say the frame is malformed rather than meaningless. */
    private static final Set<String> MALFORMED = Set.of("hex", "length");
    private static final Set<String> FIELDS = Set.of("at", "pids", "dtc", "values", "troubleCodes", "vehicleId");
    private static final Pattern TROUBLE_CODE = Pattern.compile("[PCBU][0-3][0-9A-F]{3}");

    private final Clock clock;

    public FrameRules(Clock clock) {
        this.clock = clock;
    }

    /**
     * Checks and decodes a frame given as JSON.
     *
     * @throws ReadingRefusedException naming the field and rule of each broken rule
     */
    public CheckedFrame check(JsonNode frame) {
        Instant receivedAt = clock.instant();
        if (frame == null || !frame.isObject()) {
            throw new ReadingRefusedException(400, null, ReadingRules.MALFORMED_JSON, "a frame is a JSON object");
        }
        List<Violation> violations = new ArrayList<>();
        frame.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                violations.add(new Violation(name, UNKNOWN_FIELD, name + " is not a field of a frame; a frame has "
                        + "at, pids and dtc, or at, values and troubleCodes"));
            }
        });
        Instant at = at(frame, receivedAt, violations);
        Map<String, String> pids = textMembers(frame, "pids", violations);
        String dtc = text(frame, "dtc", violations);
        Map<String, Double> values = numberMembers(frame, "values", violations);
        List<String> troubleCodes = troubleCodes(frame, violations);
        boolean raw = frame.hasNonNull("pids") || frame.hasNonNull("dtc");
        boolean decoded = frame.hasNonNull("values") || frame.hasNonNull("troubleCodes");
        if (raw && decoded) {
            violations.add(new Violation(frame.hasNonNull("values") ? "values" : "troubleCodes", ONE_FORM,
                    "a frame carries either what the car answered (pids, dtc) or decoded values (values, "
                            + "troubleCodes), not both"));
        } else if (!raw && !decoded) {
            violations.add(new Violation("pids", EMPTY_FRAME,
                    "a frame carries pids and/or dtc, or values and/or troubleCodes"));
        }
        if (!violations.isEmpty()) {
            throw new ReadingRefusedException(400, violations);
        }
        try {
            if (raw) {
                return new CheckedFrame(at, receivedAt, pids == null ? Map.of() : Map.copyOf(ObdDecoder.mode01(pids)),
                        dtc == null ? null : List.copyOf(ObdDecoder.mode03(dtc)));
            }
            if (values != null) {
                values.forEach(ObdDecoder::checkPlausible);
            }
            return new CheckedFrame(at, receivedAt, values == null ? Map.of() : Map.copyOf(values), troubleCodes);
        } catch (FrameException refused) {
            throw new ReadingRefusedException(MALFORMED.contains(refused.rule()) ? 400 : 422,
                    refused.field() == null ? (raw ? "pids" : "values") : refused.field(), refused.rule(),
                    refused.getMessage());
        }
    }

    private static Instant at(JsonNode frame, Instant receivedAt, List<Violation> violations) {
        JsonNode value = frame.get("at");
        if (value == null || value.isNull()) {
            violations.add(new Violation("at", ReadingRules.REQUIRED,
                    "at is required: when the dongle read the car, e.g. 2025-01-31T10:15:30Z"));
            return null;
        }
        if (!value.isTextual()) {
            violations.add(new Violation("at", ReadingRules.INVALID_TYPE, "at must be a string"));
            return null;
        }
        try {
            Instant at = OffsetDateTime.parse(value.textValue().strip()).toInstant();
            if (!DateRange.isWithin(at)) {
                violations.add(new Violation("at", DateRange.RULE, "at must be between years "
                        + DateRange.MIN_YEAR + " and " + DateRange.MAX_YEAR));
            } else if (at.isAfter(receivedAt.plus(ReadingRules.FUTURE_TOLERANCE))) {
                violations.add(new Violation("at", ReadingRules.NOT_IN_FUTURE,
                        "at must not be more than 5 minutes in the future"));
            }
            return at;
        } catch (DateTimeParseException e) {
            violations.add(new Violation("at", ReadingRules.ISO_8601,
                    "at must be an ISO-8601 date-time with an offset, e.g. 2025-01-31T10:15:30Z"));
            return null;
        }
    }

    private static String text(JsonNode frame, String field, List<Violation> violations) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            violations.add(new Violation(field, ReadingRules.INVALID_TYPE, field + " must be a string"));
            return null;
        }
        return value.textValue();
    }

    private static Map<String, String> textMembers(JsonNode frame, String field, List<Violation> violations) {
        JsonNode object = members(frame, field, violations);
        if (object == null) {
            return null;
        }
        Map<String, String> members = new LinkedHashMap<>();
        object.fields().forEachRemaining(member -> {
            if (member.getValue().isTextual()) {
                members.put(member.getKey(), member.getValue().textValue());
            } else {
                violations.add(new Violation(field + "." + member.getKey(), ReadingRules.INVALID_TYPE,
                        field + "." + member.getKey() + " must be a string of hex digits"));
            }
        });
        return members;
    }

    private static Map<String, Double> numberMembers(JsonNode frame, String field, List<Violation> violations) {
        JsonNode object = members(frame, field, violations);
        if (object == null) {
            return null;
        }
        Map<String, Double> members = new LinkedHashMap<>();
        object.fields().forEachRemaining(member -> {
            if (member.getValue().isNumber()) {
                members.put(member.getKey(), member.getValue().doubleValue());
            } else {
                violations.add(new Violation(field + "." + member.getKey(), ReadingRules.INVALID_TYPE,
                        field + "." + member.getKey() + " must be a number"));
            }
        });
        return members;
    }

    private static JsonNode members(JsonNode frame, String field, List<Violation> violations) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            violations.add(new Violation(field, ReadingRules.INVALID_TYPE, field + " must be a JSON object"));
            return null;
        }
        return value;
    }

    private static List<String> troubleCodes(JsonNode frame, List<Violation> violations) {
        JsonNode value = frame.get("troubleCodes");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            violations.add(new Violation("troubleCodes", ReadingRules.INVALID_TYPE,
                    "troubleCodes must be an array of codes like P0133"));
            return null;
        }
        List<String> codes = new ArrayList<>();
        Iterator<JsonNode> elements = value.elements();
        for (int i = 0; elements.hasNext(); i++) {
            JsonNode code = elements.next();
            String text = code.isTextual() ? code.textValue().strip().toUpperCase(java.util.Locale.ROOT) : null;
            if (text == null || !TROUBLE_CODE.matcher(text).matches()) {
                violations.add(new Violation("troubleCodes[" + i + "]", ReadingRules.PATTERN,
                        "a trouble code is P, C, B or U and four hex digits, the first 0 to 3, e.g. P0133"));
            } else if (!codes.contains(text)) {
                codes.add(text);
            }
        }
        return codes;
    }
}
