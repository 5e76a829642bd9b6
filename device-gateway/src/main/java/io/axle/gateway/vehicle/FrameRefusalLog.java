package io.axle.gateway.vehicle;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.axle.gateway.ingest.ReadingIngestion;
import io.axle.gateway.ingest.ReadingRefusedException;
import io.axle.gateway.ingest.ReadingRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the frames refused over MQTT, whose sender reads no HTTP problem: once per client and rule at INFO, with what
 * to do about it, then at DEBUG, so that a dongle repeating the same mistake every ten seconds does not flood the log
 * (the {@code vehicle_frames_rejected} counter counts every one). Remembers at most {@link #LIMIT} causes, then starts
 * afresh.
 */
public class FrameRefusalLog {

    static final int LIMIT = 10_000;
    private static final Logger log = LoggerFactory.getLogger(FrameRefusalLog.class);
    private static final Map<String, String> ADVICE = Map.ofEntries(
            Map.entry(ReadingRules.MALFORMED_JSON, "publish one JSON object per frame, e.g. "
                    + "{\"at\":\"2025-01-31T10:15:30Z\",\"pids\":{\"0C\":\"1AF8\"}}"),
            Map.entry(ReadingRules.REQUIRED, "give every field the frame needs (at, and pids/dtc or values)"),
            Map.entry(ReadingRules.INVALID_TYPE, "send pids and dtc as hex strings, values as numbers"),
            Map.entry(ReadingRules.ISO_8601, "send at as an ISO-8601 instant with offset, e.g. 2025-01-31T10:15:30Z"),
            Map.entry(ReadingRules.NOT_IN_FUTURE, "set the dongle's clock (at is more than 5 minutes ahead)"),
            Map.entry(ReadingRules.PATTERN, "send trouble codes like P0133"),
            Map.entry(FrameRules.ONE_FORM, "send either pids/dtc or values/troubleCodes in one frame"),
            Map.entry(FrameRules.EMPTY_FRAME, "send at least pids, dtc, values or troubleCodes"),
            Map.entry(FrameRules.UNKNOWN_FIELD, "send only at, pids, dtc, values, troubleCodes (and vehicleId)"),
            Map.entry(FrameRules.UNKNOWN_MEASURE, "name values by the measures of docs/api.md (rpm, speedKmh, ...)"),
            Map.entry("hex", "send each PID's data bytes as hex digits, two per byte"),
            Map.entry("length", "send as many data bytes as the PID answers (e.g. 2 for 0C)"),
            Map.entry("unsupported-pid", "leave out the PIDs the gateway does not decode (see docs/api.md)"),
            Map.entry("implausible", "check the dongle's reading: the value is impossible for a car"),
            Map.entry("mode03-reply", "send the mode 03 answer as read, starting with 43"),
            Map.entry(ReadingIngestion.TOPIC_MISMATCH, "publish on the topic of the vehicle the payload names"),
            Map.entry(FrameIngestion.VEHICLE_UNKNOWN, "register the vehicle, or publish on its own vehicle id's topic"),
            Map.entry(FrameIngestion.OTHER_VEHICLE, "publish on axle/vehicles/<paired vehicle>/obd, or pair this "
                    + "dongle with the vehicle first"));

    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /** Logs the refusal of a frame from {@code client} on {@code topic}. */
    public void refused(String client, Object topic, ReadingRefusedException refused) {
        String cause = client + '|' + refused.rule();
        if (logged.size() >= LIMIT) {
            logged.clear();
        }
        if (logged.add(cause)) {
            log.info("Refused frame from {} on {}: rule {} on field {} ({}); to fix: {}. Further refusals of this "
                            + "client for this rule are logged at DEBUG and counted in vehicle_frames_rejected",
                    client, topic, refused.rule(), refused.field(), refused.getMessage(), advice(refused.rule()));
        } else {
            log.debug("Refused frame from {} on {}: rule {} on field {} ({})", client, topic, refused.rule(),
                    refused.field(), refused.getMessage());
        }
    }

    static String advice(String rule) {
        return ADVICE.getOrDefault(rule, "see docs/api.md, Vehicles — telemetry ingest");
    }
}
