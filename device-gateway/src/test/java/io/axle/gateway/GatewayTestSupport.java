package io.axle.gateway;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.axle.api.run.RunCompletedEvent;
import io.axle.api.run.RunStartedEvent;
import io.axle.gateway.ingest.TelemetryProperties;
import io.axle.gateway.mqtt.EmbeddedBroker;
import io.axle.platform.security.ApiKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Boots the gateway as it runs: real HTTP with security, the in-process HiveMQ broker and the platform's in-process
 * Kafka broker on free ports, Hazelcast, the embedded event store and MongoDB, and the bridge to the machine's Mosquitto. Every test
 * class extends this one, so they share one application (there is one in-process MQTT broker per JVM). Runs are
 * started by appending their events to the event store, as the command side would.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "axle.kafka.embedded.port=0",
                "axle.mqtt.embedded.port=0",
                "axle.mqtt.embedded.persistence=in-memory",
                "axle.mqtt.external.uri=tcp://127.0.0.1:1883",
                "axle.mqtt.external.session-expiry=120s",
                "axle.rate-limit.enabled=false",
                "axle.node-name=gateway-test"
        })
public abstract class GatewayTestSupport {

    /** One run of the test JVM: keeps its Mosquitto session and share group apart from any other gateway's. */
    protected static final String TEST_RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Path DATA_DIR = tempDir();
    private static final List<ConsumerRecord<String, String>> RECORDS = new ArrayList<>();
    private static KafkaConsumer<String, String> consumer;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("axle.data-dir", DATA_DIR::toString);
        registry.add("axle.mqtt.external.client-id", () -> "axle-gateway-test-" + TEST_RUN);
        registry.add("axle.mqtt.external.share-group", () -> "axle-gateway-test-" + TEST_RUN);
    }

    @Autowired
    protected EventStore eventStore;
    @Autowired
    protected ApiKeys apiKeys;
    @Autowired
    protected MeterRegistry meters;
    @Autowired
    protected EmbeddedBroker broker;
    @Autowired
    protected ObjectMapper objectMapper;
    @Autowired
    protected TelemetryProperties telemetry;
    @Autowired
    private KafkaConnectionDetails kafka;
    @LocalServerPort
    protected int httpPort;

    /** Under the build's own folder, so that a clean build removes it. */
    private static Path tempDir() {
        try {
            return Files.createDirectories(Path.of("target", "gateway-test-data", TEST_RUN)).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void closeConsumer() {
        synchronized (RECORDS) {
            if (consumer != null) {
                consumer.close();
                consumer = null;
                RECORDS.clear();
            }
        }
    }

    /** Appends a RunStartedEvent to the run's own event stream, as the SimulationRun aggregate does. */
    protected String startRun(int duration, int interval, Map<String, Object> params) {
        String runId = UUID.randomUUID().toString();
        eventStore.publish(new GenericDomainEventMessage<>("SimulationRun", runId, 0,
                new RunStartedEvent(runId, "tester", Instant.now(), duration, interval, params)));
        return runId;
    }

    protected String startRun() {
        return startRun(600, 1, Map.of());
    }

    protected void completeRun(String runId, long sequence) {
        eventStore.publish(new GenericDomainEventMessage<>("SimulationRun", runId, sequence,
                new RunCompletedEvent(runId, Instant.now(), "test over")));
    }

    /** A new key of {@code role}, bound to nothing: not for devices, whose keys name their device. */
    protected String apiKey(String role) {
        return apiKeys.create(role.toLowerCase() + "-" + UUID.randomUUID(), role).key();
    }

    /** A new device key bound to the device (sensor) {@code deviceId}. */
    protected String deviceKey(String deviceId) {
        return apiKeys.create("device-" + UUID.randomUUID(), "DEVICE", null, deviceId).key();
    }

    protected Mqtt5BlockingClient device(String clientId, String apiKey) {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier(clientId)
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        client.connectWith().simpleAuth().username(clientId)
                .password(apiKey.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
        return client;
    }

    protected double count(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Every record of the telemetry topic seen so far, read from the start of each partition. */
    protected List<ConsumerRecord<String, String>> records() {
        synchronized (RECORDS) {
            if (consumer == null) {
                consumer = consumerFromStart(telemetry.topic());
            }
            consumer.poll(Duration.ofMillis(200)).forEach(RECORDS::add);
            return List.copyOf(RECORDS);
        }
    }

    /** A consumer of every partition of {@code topic}, from the start (the caller closes it). */
    protected KafkaConsumer<String, String> consumerFromStart(String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
        KafkaConsumer<String, String> started = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = started.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        started.assign(partitions);
        started.seekToBeginning(partitions);
        return started;
    }

    /** Publishes at QoS 1 and answers the refusal carried by the PUBACK, or {@code null} when it was accepted. */
    protected static Mqtt5PubAckException publish(Mqtt5BlockingClient client, String topic, String payload) {
        try {
            client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
            return null;
        } catch (Mqtt5PubAckException refused) {
            return refused;
        }
    }

    /**
     * Every record of the telemetry topic written until now: reads until the consumer reached the end offsets of this
     * moment, so the answer does not depend on how much a single poll happens to fetch.
     */
    protected List<ConsumerRecord<String, String>> recordsUpToNow() {
        records();
        synchronized (RECORDS) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The telemetry topic was not read up to " + ends + " in 20 s");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(RECORDS::add);
            }
            return List.copyOf(RECORDS);
        }
    }

    /** The records of one run written until now (see {@link #recordsUpToNow()}). */
    protected List<ConsumerRecord<String, String>> recordsUpToNowOf(String runId) {
        return recordsUpToNow().stream().filter(record -> runId.equals(record.key())).toList();
    }

    /** The records of one run. */
    protected List<ConsumerRecord<String, String>> recordsOf(String runId) {
        return records().stream().filter(record -> runId.equals(record.key())).toList();
    }

    /** Waits until the run has at least {@code count} records, and answers them as JSON. */
    protected List<JsonNode> awaitReadings(String runId, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> recordsOf(runId).size() >= count);
        return recordsOf(runId).stream().map(record -> json(record.value())).collect(Collectors.toList());
    }

    protected static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    protected JsonNode json(String text) {
        try {
            return objectMapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected HttpResponse<String> http(String method, String path, String apiKey, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-API-Key", apiKey)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
