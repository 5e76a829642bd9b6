package io.axle.gateway.flash;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.flash.FlashOutcome;
import io.axle.api.flash.FlashStep;
import io.axle.api.flash.RecordFlashStatusCommand;
import io.axle.gateway.ingest.ReadingRefusedException;
import io.axle.gateway.ingest.ReadingRules;
import io.axle.gateway.vehicle.FrameRules;

/**
 * What a dongle's flash answer must be: a JSON object {@code {flashJobId, step, attempt, outcome: ok|failed|progress,
 * progressPct?, checksum?, version?, reason?, at?}} with no other field; {@code progressPct} 0 to 100 and given with
 * {@code progress}; {@code checksum} a SHA-256 in hex; {@code at} an ISO-8601 instant not ahead of the clock by more
 * than {@link ReadingRules#FUTURE_TOLERANCE} (the time received when absent). A broken rule is thrown as a
 * {@link ReadingRefusedException} naming the field and the rule. Pure: no I/O, no state.
 */
public final class FlashStatusRules {

    public static final String UNKNOWN_STEP = "unknown-step";
    public static final String UNKNOWN_OUTCOME = "unknown-outcome";
    static final int TEXT_MAX = 500;
    static final int ID_MAX = 128;
    private static final Set<String> FIELDS = Set.of("flashJobId", "step", "attempt", "outcome", "progressPct",
            "checksum", "version", "reason", "at");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final ObjectMapper objectMapper;
    private final Clock clock;

    public FlashStatusRules(ObjectMapper objectMapper, Clock clock) {
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /** The command recording what dongle {@code dongleId} answered in {@code payload}. */
    public RecordFlashStatusCommand parse(String dongleId, byte[] payload) {
        JsonNode status;
        try {
            status = objectMapper.readTree(payload);
        } catch (IOException e) {
            throw refused(null, ReadingRules.MALFORMED_JSON, "The flash status is not JSON");
        }
        if (status == null || !status.isObject()) {
            throw refused(null, ReadingRules.MALFORMED_JSON, "The flash status is a JSON object");
        }
        for (Iterator<String> names = status.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw refused(name, FrameRules.UNKNOWN_FIELD, name + " is not a field of a flash status");
            }
        }
        String flashJobId = text(status, "flashJobId", true, ID_MAX);
        FlashStep step = step(status);
        int attempt = attempt(status);
        FlashOutcome outcome = outcome(status);
        Integer progressPct = progress(status, outcome);
        String checksum = text(status, "checksum", false, 64);
        if (checksum != null && !SHA256.matcher(checksum).matches()) {
            throw refused("checksum", ReadingRules.PATTERN, "checksum is a SHA-256 in hex (64 digits)");
        }
        return new RecordFlashStatusCommand(flashJobId, dongleId, step, attempt, outcome, progressPct,
                checksum == null ? null : checksum.toLowerCase(Locale.ROOT), text(status, "version", false, ID_MAX),
                text(status, "reason", false, TEXT_MAX), at(status));
    }

    private static FlashStep step(JsonNode status) {
        String step = text(status, "step", true, ID_MAX);
        try {
            return FlashStep.valueOf(step.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw refused("step", UNKNOWN_STEP, "step is one of DIAGNOSTIC_SESSION, SECURITY_ACCESS, BACKUP, ERASE, "
                    + "TRANSFER, TRANSFER_EXIT, VERIFY, RESET, RESTORE");
        }
    }

    private static int attempt(JsonNode status) {
        JsonNode attempt = status.get("attempt");
        if (attempt == null || attempt.isNull()) {
            throw refused("attempt", ReadingRules.REQUIRED, "attempt is required: the attempt of the command answered");
        }
        if (!attempt.isIntegralNumber() || !attempt.canConvertToInt()) {
            throw refused("attempt", ReadingRules.INVALID_TYPE, "attempt is a whole number");
        }
        if (attempt.intValue() < 0) {
            throw refused("attempt", ReadingRules.RANGE, "attempt is 0 or more");
        }
        return attempt.intValue();
    }

    private static FlashOutcome outcome(JsonNode status) {
        String outcome = text(status, "outcome", true, ID_MAX);
        try {
            return FlashOutcome.valueOf(outcome.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw refused("outcome", UNKNOWN_OUTCOME, "outcome is ok, failed or progress");
        }
    }

    private static Integer progress(JsonNode status, FlashOutcome outcome) {
        JsonNode progress = status.get("progressPct");
        if (progress == null || progress.isNull()) {
            if (outcome == FlashOutcome.PROGRESS) {
                throw refused("progressPct", ReadingRules.REQUIRED, "progressPct is required with outcome progress");
            }
            return null;
        }
        if (!progress.isNumber()) {
            throw refused("progressPct", ReadingRules.INVALID_TYPE, "progressPct is a number");
        }
        double value = progress.doubleValue();
        if (!(value >= 0 && value <= 100)) {
            throw refused("progressPct", ReadingRules.RANGE, "progressPct is 0 to 100");
        }
        return (int) Math.floor(value);
    }

    private Instant at(JsonNode status) {
        String at = text(status, "at", false, ID_MAX);
        Instant now = clock.instant();
        if (at == null) {
            return now;
        }
        Instant parsed;
        try {
            parsed = Instant.parse(at.strip());
        } catch (DateTimeParseException e) {
            throw refused("at", ReadingRules.ISO_8601, "at is an ISO-8601 instant such as 2025-01-31T10:15:30Z");
        }
        if (parsed.isAfter(now.plus(ReadingRules.FUTURE_TOLERANCE))) {
            throw refused("at", ReadingRules.NOT_IN_FUTURE, "at is more than 5 minutes ahead of the gateway's clock");
        }
        return parsed;
    }

    private static String text(JsonNode status, String field, boolean required, int max) {
        JsonNode value = status.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw refused(field, ReadingRules.REQUIRED, field + " is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw refused(field, ReadingRules.INVALID_TYPE, field + " is a string");
        }
        if (required && value.asText().isBlank()) {
            throw refused(field, ReadingRules.REQUIRED, field + " is required");
        }
        if (value.asText().length() > max) {
            throw refused(field, ReadingRules.RANGE, field + " is at most " + max + " characters");
        }
        return value.asText();
    }

    private static ReadingRefusedException refused(String field, String rule, String message) {
        return new ReadingRefusedException(400, field, rule, message);
    }
}
