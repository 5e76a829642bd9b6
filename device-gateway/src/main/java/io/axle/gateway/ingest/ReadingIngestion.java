package io.axle.gateway.ingest;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axle.api.sensor.SensorReading;
import io.axle.platform.messaging.MessageMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The path every reading takes, whatever its transport: parse, check against the {@link ReadingRules}, give it an id,
 * and hand it to the {@link ReadingPublisher}; the returned future completes only once the stream has it. Counts
 * {@code sensor_data_ingested{transport}}, {@code sensor_data_rejected{transport,rule}} and
 * {@code sensor_data_failed{transport}} (the stream could not take it).
 */
public class ReadingIngestion {

    public static final String TOPIC_MISMATCH = "topic-mismatch";

    /**
     * Who sent a reading and how. {@code contentIds}: the transport may deliver the same message twice (MQTT QoS 1),
     * so a reading with the device's own timestamp gets an id derived from run, sensor and timestamp, and a
     * redelivered copy collapses into the original downstream.
     */
    public record Origin(String transport, String source, String client, String correlationId, boolean contentIds) {
    }

    private final ReadingRules rules;
    private final ReadingPublisher publisher;
    private final ObjectMapper objectMapper;
    private final MeterRegistry meters;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public ReadingIngestion(ReadingRules rules, ReadingPublisher publisher, ObjectMapper objectMapper,
                            MeterRegistry meters) {
        this.rules = rules;
        this.publisher = publisher;
        this.objectMapper = objectMapper;
        this.meters = meters;
    }

    /**
     * Ingests one reading given as a JSON payload. {@code fromTopic} holds what the transport's address already says
     * ({@code runId}, {@code sensorId} of an MQTT topic); the payload may repeat those, but must then agree.
     *
     * @throws ReadingRefusedException at once when the reading breaks a rule; it is counted and never published
     * @return completes with the published reading, or exceptionally with {@link TelemetryUnavailableException}
     */
    public CompletableFuture<SensorReading> ingest(byte[] payload, Map<String, String> fromTopic, Origin origin) {
        SensorReading reading;
        try {
            reading = accept(payload, fromTopic, origin);
        } catch (ReadingRefusedException refused) {
            counter("sensor_data_rejected", "transport", origin.transport(), "rule", refused.rule()).increment();
            throw refused;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(MessageMetadata.USER, origin.source());
        headers.put(MessageMetadata.CLIENT, origin.client());
        headers.put(MessageMetadata.CORRELATION_ID,
                origin.correlationId() != null ? origin.correlationId() : reading.readingId());
        return publisher.publish(reading, headers).handle((done, failure) -> {
            if (failure != null) {
                counter("sensor_data_failed", "transport", origin.transport()).increment();
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                throw cause instanceof TelemetryUnavailableException unavailable ? unavailable
                        : new TelemetryUnavailableException("The telemetry stream refused the reading", cause);
            }
            counter("sensor_data_ingested", "transport", origin.transport()).increment();
            return reading;
        });
    }

    private SensorReading accept(byte[] payload, Map<String, String> fromTopic, Origin origin) {
        JsonNode tree;
        try {
            tree = payload == null || payload.length == 0 ? null : objectMapper.readTree(payload);
        } catch (IOException e) {
            throw new ReadingRefusedException(400, null, ReadingRules.MALFORMED_JSON, "the reading is not valid JSON");
        }
        if (tree instanceof ObjectNode object && !fromTopic.isEmpty()) {
            fromTopic.forEach((field, value) -> {
                JsonNode given = object.get(field);
                if (given != null && !given.isNull() && !(given.isTextual() && given.textValue().strip().equals(value))) {
                    throw new ReadingRefusedException(400, field, TOPIC_MISMATCH,
                            field + " in the payload differs from the topic's " + value);
                }
                object.put(field, value);
            });
        }
        CheckedReading checked = rules.check(tree);
        String readingId = origin.contentIds() && checked.timestampGiven()
                ? ReadingIds.derived(checked.runId(), checked.sensorId(), checked.timestamp())
                : ReadingIds.random(checked.timestamp());
        return new SensorReading(readingId, checked.runId(), checked.sensorId(), origin.source(), checked.timestamp(),
                checked.receivedAt(), checked.temperature(), checked.humidity(), checked.pressure());
    }

    /** Counts a reading refused before it reached the rules (e.g. an MQTT topic that names no sensor). */
    public void countRefused(String transport, String rule) {
        counter("sensor_data_rejected", "transport", transport, "rule", rule).increment();
    }

    private Counter counter(String name, String... tags) {
        String key = name + String.join("|", tags);
        return counters.computeIfAbsent(key, ignored -> Counter.builder(name).tags(tags).register(meters));
    }
}
