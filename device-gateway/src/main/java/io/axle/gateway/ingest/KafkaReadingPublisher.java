package io.axle.gateway.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.sensor.SensorReading;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * Sends readings to the telemetry topic as JSON, keyed by run id so that a run's readings keep their order. Its
 * producer takes the application's Kafka settings (brokers, security) and insists on what the ingress promises:
 * {@code acks=all} with idempotence, no blocking longer than the send timeout when Kafka is away, a delivery timeout
 * equal to the send timeout (a reading the gateway reported as not stored is not written later), and the gateway's
 * own linger ({@link TelemetryProperties#linger()}).
 */
public class KafkaReadingPublisher implements ReadingPublisher, DisposableBean {

    private final DefaultKafkaProducerFactory<String, String> producers;
    private final ObjectMapper objectMapper;
    private final String topic;
    private final Duration sendTimeout;

    public KafkaReadingPublisher(Map<String, Object> kafkaProducerConfig, ObjectMapper objectMapper,
                                 TelemetryProperties telemetry) {
        Map<String, Object> config = new HashMap<>(kafkaProducerConfig);
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, telemetry.sendTimeout().toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) telemetry.linger().toMillis());
        // Kafka gives up on a reading when the gateway does, so none is written after the device heard "timeout"
        int requestTimeout = requestTimeoutMillis(telemetry);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) telemetry.linger().toMillis() + requestTimeout);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "axle-gateway");
        this.producers = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new StringSerializer());
        this.objectMapper = objectMapper;
        this.topic = telemetry.topic();
        this.sendTimeout = telemetry.sendTimeout();
    }

    /**
     * What is left of the send timeout once the batch lingered: Kafka requires
     * {@code delivery.timeout.ms >= linger.ms + request.timeout.ms}, and the delivery timeout is the send timeout.
     */
    static int requestTimeoutMillis(TelemetryProperties telemetry) {
        long remaining = telemetry.sendTimeout().toMillis() - telemetry.linger().toMillis();
        if (remaining < 1) {
            throw new IllegalArgumentException("axle.telemetry.linger (" + telemetry.linger()
                    + ") must be shorter than axle.telemetry.send-timeout (" + telemetry.sendTimeout() + ")");
        }
        return (int) Math.min(remaining, Integer.MAX_VALUE - telemetry.linger().toMillis());
    }

    @Override
    public CompletableFuture<Void> publish(SensorReading reading, Map<String, String> headers) {
        return send(topic, reading.runId(), reading, headers, "reading");
    }

    /**
     * Sends {@code value} as JSON to {@code topic} under {@code key} with this producer's promises (used for every
     * stream the gateway feeds, e.g. vehicle frames); {@code what} names it in the timeout's message.
     */
    public CompletableFuture<Void> send(String topic, String key, Object value, Map<String, String> headers,
                                       String what) {
        String json;
        try {
            json = objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
        headers.forEach((name, header) -> {
            if (header != null) {
                record.headers().add(name, header.getBytes(StandardCharsets.UTF_8));
            }
        });
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            // the shared producer straight away: a template's listeners and observations cost more than a send
            producers.createProducer().send(record, (metadata, failure) -> {
                if (failure != null) {
                    sent.completeExceptionally(failure);
                } else {
                    sent.complete(null);
                }
            });
        } catch (RuntimeException e) {
            sent.completeExceptionally(e);
        }
        return sent.orTimeout(sendTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new TelemetryUnavailableException(
                        "Kafka did not acknowledge the " + what + " within " + sendTimeout.toMillis() + " ms",
                        failure)));
    }

    /** The producer settings in force, after the overrides above. */
    Map<String, Object> producerConfig() {
        return producers.getConfigurationProperties();
    }

    /** The topic readings go to. */
    public String topic() {
        return topic;
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
