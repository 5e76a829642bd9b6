package io.axle.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.axle.gateway.GatewayNode;
import io.axle.gateway.GatewayTestSupport;
import io.axle.gateway.ingest.ReadingIngestion;
import io.axle.gateway.ingest.ReadingRules;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bridge from the machine's Mosquitto (127.0.0.1:1883): readings published there reach Kafka, refused ones are
 * acknowledged and dropped, and the persistent session keeps what was published while the gateway was away and what
 * it received but never acknowledged.
 */
class ExternalBrokerBridgeTest extends GatewayTestSupport {

    private static final String MOSQUITTO_HOST = "127.0.0.1";
    private static final int MOSQUITTO_PORT = 1883;

    @Autowired
    private ExternalBrokerBridge bridge;
    @Autowired
    private ReadingIngestion ingestion;
    @Autowired
    private ReadingRules rules;
    @Autowired
    private ObjectMapper objectMapper;

    @BeforeEach
    void mosquittoRuns() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(MOSQUITTO_HOST, MOSQUITTO_PORT), 2000);
        } catch (IOException e) {
            throw new AssertionError("Mosquitto is not reachable on " + MOSQUITTO_HOST + ":" + MOSQUITTO_PORT
                    + "; start it with scripts/start-services.sh (" + e.getMessage() + ")", e);
        }
        await().atMost(Duration.ofSeconds(20)).until(bridge::connected);
    }

    @Test
    void theBridgeTellsWhenItsSubscriptionIsInPlace() throws Exception {
        assertThat(bridge.subscribed().get(20, TimeUnit.SECONDS).getReasonCodes())
                .as("readings, vehicle frames and flash answers")
                .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1, Mqtt5SubAckReasonCode.GRANTED_QOS_1,
                        Mqtt5SubAckReasonCode.GRANTED_QOS_1);
    }

    private static void publishToMosquitto(String topic, String payload) {
        Mqtt5BlockingClient publisher = MqttClient.builder().useMqttVersion5()
                .identifier("axle-test-publisher-" + UUID.randomUUID())
                .serverHost(MOSQUITTO_HOST).serverPort(MOSQUITTO_PORT).buildBlocking();
        publisher.connect();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
        publisher.disconnect();
    }

    @Test
    void aReadingPublishedToTheExternalBrokerReachesKafka() {
        String runId = startRun();

        publishToMosquitto(SensorTopic.of(runId, "ext-1"),
                "{\"temperature\":18.75,\"humidity\":61,\"timestamp\":\"2025-06-01T12:00:00Z\"}");

        var reading = awaitReadings(runId, 1).get(0);
        assertThat(reading.get("sensorId").asText()).isEqualTo("ext-1");
        assertThat(reading.get("temperature").asDouble()).isEqualTo(18.75);
        assertThat(reading.get("humidity").asDouble()).isEqualTo(61.0);
        assertThat(reading.get("source").asText()).isEqualTo("mqtt:" + MOSQUITTO_HOST);
        ConsumerRecord<String, String> record = recordsOf(runId).get(0);
        assertThat(header(record, "client")).isEqualTo("mqtt:" + bridge.clientId());
    }

    @Test
    void aRefusedReadingIsAcknowledgedOnceCountedAndDropped() throws InterruptedException {
        String runId = startRun();
        double before = count("sensor_data_rejected", "transport", "mqtt", "rule", "range");

        publishToMosquitto(SensorTopic.of(runId, "ext-hot"), "{\"temperature\":900}");
        publishToMosquitto(SensorTopic.of(runId, "ext-ok"), "{\"temperature\":21}");

        awaitReadings(runId, 1);
        Thread.sleep(1500);
        assertThat(recordsOf(runId)).extracting(record -> json(record.value()).get("sensorId").asText())
                .containsExactly("ext-ok");
        assertThat(count("sensor_data_rejected", "transport", "mqtt", "rule", "range"))
                .as("acknowledged, so never redelivered").isEqualTo(before + 1);
    }

    @Test
    void aPersistentSessionKeepsWhatWasPublishedWhileTheGatewayWasAway() throws Exception {
        String runId = startRun();
        MqttProperties.External settings = new MqttProperties.External("tcp://" + MOSQUITTO_HOST + ":"
                + MOSQUITTO_PORT, null, null, "axle-gateway-away-" + TEST_RUN, "axle-gateway-away-" + TEST_RUN,
                Duration.ofSeconds(60));
        ExternalBrokerBridge first = new ExternalBrokerBridge(settings, new GatewayNode("away"), ingestion);
        first.start();
        // the subscription is made once connected; it must be in place before leaving
        first.subscribed().get(20, TimeUnit.SECONDS);
        first.stop();
        first.close();

        publishToMosquitto(SensorTopic.of(runId, "while-away"), "{\"temperature\":20.5}");
        ExternalBrokerBridge second = new ExternalBrokerBridge(settings, new GatewayNode("away"), ingestion);
        try {
            second.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> recordsOf(runId).stream()
                    .anyMatch(record -> ("mqtt:" + settings.clientId()).equals(header(record, "client"))));
        } finally {
            second.stop();
            second.close();
        }
    }

    @Test
    void aReadingLeftUnacknowledgedIsRedeliveredToTheSessionsNextConnection() throws Exception {
        String runId = startRun();
        MqttProperties.External settings = new MqttProperties.External("tcp://" + MOSQUITTO_HOST + ":"
                + MOSQUITTO_PORT, null, null, "axle-gateway-crash-" + TEST_RUN, "axle-gateway-crash-" + TEST_RUN,
                Duration.ofSeconds(60));
        // a node whose Kafka never answers: it receives the reading but never acknowledges it
        List<String> received = new CopyOnWriteArrayList<>();
        ReadingIngestion stuck = new ReadingIngestion(rules, (reading, headers) -> {
            received.add(reading.sensorId());
            return new CompletableFuture<>();
        }, objectMapper, new SimpleMeterRegistry());
        ExternalBrokerBridge dying = new ExternalBrokerBridge(settings, new GatewayNode("crash"), stuck);
        dying.start();
        dying.subscribed().get(20, TimeUnit.SECONDS);

        publishToMosquitto(SensorTopic.of(runId, "unacked"), "{\"temperature\":23}");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("unacked"));
        dying.stop();
        dying.close();

        ExternalBrokerBridge next = new ExternalBrokerBridge(settings, new GatewayNode("crash"), ingestion);
        try {
            next.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> recordsOf(runId).stream()
                    .anyMatch(record -> ("mqtt:" + settings.clientId()).equals(header(record, "client"))));
        } finally {
            next.stop();
            next.close();
        }
    }
}
