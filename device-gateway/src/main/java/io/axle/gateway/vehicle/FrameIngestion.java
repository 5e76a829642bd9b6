package io.axle.gateway.vehicle;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.vehicle.ObdFrame;
import io.axle.gateway.ingest.ReadingIds;
import io.axle.gateway.ingest.ReadingIngestion;
import io.axle.gateway.ingest.ReadingRefusedException;
import io.axle.gateway.ingest.ReadingRules;
import io.axle.gateway.ingest.TelemetryUnavailableException;
import io.axle.platform.messaging.MessageMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The path every OBD-II frame takes, whatever its transport: parse, check and decode against the {@link FrameRules},
 * check that the sender may speak for the vehicle, give it an id, and hand it to the {@link FramePublisher}; the
 * returned future completes only once the stream has it. A dongle (a device key, whose device id is the dongle id)
 * speaks only for the vehicle it is paired with; people with a sending role and the external broker bridge (whose
 * broker's own ACLs decide) speak for any registered vehicle. The frame id is derived from the vehicle and {@code at},
 * so a frame sent again (a QoS 1 redelivery, an HTTP retry after a timeout) keeps its id and consumers apply it once.
 * Counts {@code vehicle_frames_ingested{transport}}, {@code vehicle_frames_rejected{transport,rule}} and
 * {@code vehicle_frames_failed{transport}} (the stream could not take it).
 */
public class FrameIngestion {

    public static final String VEHICLE_UNKNOWN = "vehicle-unknown";
    public static final String OTHER_VEHICLE = "other-vehicle";

    /**
     * Who sent a frame and how: {@code dongleId} is the device a device key is bound to, null for people and for the
     * external broker bridge.
     */
    public record Sender(String transport, String source, String client, String correlationId, String dongleId) {
    }

    private final FrameRules rules;
    private final DonglePairings pairings;
    private final FramePublisher publisher;
    private final ObjectMapper objectMapper;
    private final MeterRegistry meters;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public FrameIngestion(FrameRules rules, DonglePairings pairings, FramePublisher publisher,
                          ObjectMapper objectMapper, MeterRegistry meters) {
        this.rules = rules;
        this.pairings = pairings;
        this.publisher = publisher;
        this.objectMapper = objectMapper;
        this.meters = meters;
    }

    /**
     * Ingests one frame of {@code vehicleId} (from the topic or the path) given as a JSON payload.
     *
     * @throws ReadingRefusedException at once when the frame breaks a rule or the sender may not speak for the vehicle;
     *                                 it is counted and never published
     * @return completes with the published frame, or exceptionally with {@link TelemetryUnavailableException}
     */
    public CompletableFuture<ObdFrame> ingest(byte[] payload, String vehicleId, Sender sender) {
        ObdFrame frame;
        try {
            frame = accept(payload, vehicleId, sender);
        } catch (ReadingRefusedException refused) {
            countRefused(sender.transport(), refused.rule());
            throw refused;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(MessageMetadata.USER, sender.source());
        headers.put(MessageMetadata.CLIENT, sender.client());
        headers.put(MessageMetadata.CORRELATION_ID,
                sender.correlationId() != null ? sender.correlationId() : frame.frameId());
        return publisher.publish(frame, headers).handle((done, failure) -> {
            if (failure != null) {
                counter("vehicle_frames_failed", "transport", sender.transport()).increment();
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                throw cause instanceof TelemetryUnavailableException unavailable ? unavailable
                        : new TelemetryUnavailableException("The vehicle frames stream refused the frame", cause);
            }
            counter("vehicle_frames_ingested", "transport", sender.transport()).increment();
            return frame;
        });
    }

    private ObdFrame accept(byte[] payload, String vehicleId, Sender sender) {
        JsonNode tree;
        try {
            tree = payload == null || payload.length == 0 ? null : objectMapper.readTree(payload);
        } catch (IOException e) {
            throw new ReadingRefusedException(400, null, ReadingRules.MALFORMED_JSON, "the frame is not valid JSON");
        }
        if (tree != null && tree.hasNonNull("vehicleId")
                && !(tree.get("vehicleId").isTextual() && tree.get("vehicleId").textValue().equals(vehicleId))) {
            throw new ReadingRefusedException(400, "vehicleId", ReadingIngestion.TOPIC_MISMATCH,
                    "vehicleId in the payload differs from the address's " + vehicleId);
        }
        CheckedFrame checked = rules.check(tree);
        Optional<VehiclePairing> pairing = ReadingRules.isId(vehicleId, ReadingRules.RUN_ID_MAX)
                ? pairings.pairingOf(vehicleId) : Optional.empty();
        if (pairing.isEmpty()) {
            throw new ReadingRefusedException(422, "vehicleId", VEHICLE_UNKNOWN,
                    "vehicle " + vehicleId + " is not registered");
        }
        if (sender.dongleId() != null && !pairing.get().pairedWith(sender.dongleId())) {
            throw new ReadingRefusedException(403, "vehicleId", OTHER_VEHICLE, "dongle " + sender.dongleId()
                    + " is not paired with vehicle " + vehicleId + "; it sends the frames of its own vehicle only");
        }
        String frameId = ReadingIds.derived(vehicleId, "obd", checked.at());
        return new ObdFrame(frameId, vehicleId, sender.source(), checked.at(), checked.receivedAt(), checked.values(),
                checked.troubleCodes());
    }

    /** Counts a frame refused before it reached the rules (e.g. over the rate limit). */
    public void countRefused(String transport, String rule) {
        counter("vehicle_frames_rejected", "transport", transport, "rule", rule).increment();
    }

    private Counter counter(String name, String... tags) {
        String key = name + String.join("|", tags);
        return counters.computeIfAbsent(key, ignored -> Counter.builder(name).tags(tags).register(meters));
    }
}
