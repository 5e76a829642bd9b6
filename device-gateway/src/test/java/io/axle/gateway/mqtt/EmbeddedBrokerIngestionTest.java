package io.axle.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.axle.gateway.GatewayTestSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Devices publishing to the in-process broker: a reading reaches Kafka before its PUBACK, a refused one is answered
 * with a reason, counted and never reaches Kafka, only API keys of device roles may connect, and devices only publish
 * readings while ADMIN and TECHNICIAN keys may also subscribe.
 */
class EmbeddedBrokerIngestionTest extends GatewayTestSupport {

    @Autowired
    private SimulatorCredentials simulatorCredentials;
    @Autowired
    private MongoTemplate mongo;

    private static Mqtt5PubAckReasonCode reasonCode(Mqtt5PubAckException refused) {
        assertThat(refused).as("the publish was refused").isNotNull();
        return refused.getMqttMessage().getReasonCode();
    }

    private static String reasonString(Mqtt5PubAckException refused) {
        assertThat(refused).as("the publish was refused").isNotNull();
        return refused.getMqttMessage().getReasonString().map(Object::toString).orElse("");
    }

    @Test
    void aReadingIsOnKafkaByTheTimeItsPubackArrives() {
        String runId = startRun();
        String clientId = "dev-" + UUID.randomUUID();
        Mqtt5BlockingClient device = device(clientId, deviceKey("t-1"));
        double before = count("sensor_data_ingested", "transport", "mqtt");

        Mqtt5PubAckException refusal = publish(device, SensorTopic.of(runId, "t-1"),
                "{\"temperature\":21.5,\"humidity\":44.5,\"timestamp\":\"2025-06-01T12:00:00Z\"}");
        device.disconnect();

        assertThat(refusal).isNull();
        assertThat(count("sensor_data_ingested", "transport", "mqtt"))
                .as("counted only once Kafka acknowledged, which happens before the PUBACK").isEqualTo(before + 1);
        JsonNode reading = awaitReadings(runId, 1).get(0);
        assertThat(reading.get("runId").asText()).isEqualTo(runId);
        assertThat(reading.get("sensorId").asText()).isEqualTo("t-1");
        assertThat(reading.get("temperature").asDouble()).isEqualTo(21.5);
        assertThat(reading.get("humidity").asDouble()).isEqualTo(44.5);
        assertThat(reading.get("pressure").isNull()).isTrue();
        assertThat(reading.get("timestamp").asText()).isEqualTo("2025-06-01T12:00:00Z");
        assertThat(reading.get("source").asText()).startsWith("apikey:device-");
        ConsumerRecord<String, String> record = recordsOf(runId).get(0);
        assertThat(header(record, "client")).isEqualTo("mqtt:" + clientId);
    }

    @Test
    void aRedeliveredReadingKeepsItsId() {
        String runId = startRun();
        Mqtt5BlockingClient device = device("dev-" + UUID.randomUUID(), deviceKey("t-1"));
        String payload = "{\"temperature\":20,\"timestamp\":\"2025-06-01T12:00:00Z\"}";

        publish(device, SensorTopic.of(runId, "t-1"), payload);
        publish(device, SensorTopic.of(runId, "t-1"), payload);
        device.disconnect();

        List<JsonNode> readings = awaitReadings(runId, 2);
        assertThat(readings.get(0).get("readingId").asText()).isEqualTo(readings.get(1).get("readingId").asText());
    }

    @Test
    void aRefusedReadingIsAnsweredCountedAndNeverOnKafka() {
        String runId = startRun();
        Mqtt5BlockingClient device = device("dev-" + UUID.randomUUID(), apiKey("TECHNICIAN"));
        double before = count("sensor_data_rejected", "transport", "mqtt", "rule", "range");

        Mqtt5PubAckException refused = publish(device, SensorTopic.of(runId, "hot"), "{\"temperature\":500}");
        Mqtt5PubAckException accepted = publish(device, SensorTopic.of(runId, "fine"), "{\"temperature\":20}");
        device.disconnect();

        assertThat(reasonCode(refused)).isEqualTo(Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
        assertThat(reasonString(refused)).startsWith("temperature: range");
        assertThat(accepted).isNull();
        assertThat(count("sensor_data_rejected", "transport", "mqtt", "rule", "range")).isEqualTo(before + 1);
        // same key, same partition: had the refused reading been written, it would come first
        awaitReadings(runId, 1);
        assertThat(recordsOf(runId)).extracting(record -> json(record.value()).get("sensorId").asText())
                .containsExactly("fine");
    }

    @Test
    void readingsForUnknownOrEndedRunsAreRefusedWithTheRule() {
        String ended = startRun();
        completeRun(ended, 1);
        Mqtt5BlockingClient device = device("dev-" + UUID.randomUUID(), deviceKey("s"));

        Mqtt5PubAckException unknown = publish(device, SensorTopic.of("no-such-run", "s"), "{\"temperature\":20}");
        Mqtt5PubAckException late = publish(device, SensorTopic.of(ended, "s"), "{\"temperature\":20}");
        device.disconnect();

        assertThat(reasonString(unknown)).startsWith("runId: run-unknown");
        assertThat(reasonString(late)).startsWith("runId: run-not-running");
        assertThat(recordsOf(ended)).isEmpty();
    }

    @Test
    void aPayloadThatContradictsItsTopicIsRefused() {
        String runId = startRun();
        Mqtt5BlockingClient device = device("dev-" + UUID.randomUUID(), deviceKey("s-1"));

        Mqtt5PubAckException contradicting = publish(device, SensorTopic.of(runId, "s-1"),
                "{\"sensorId\":\"s-2\",\"temperature\":20}");
        Mqtt5PubAckException garbage = publish(device, SensorTopic.of(runId, "s-1"), "not json");
        device.disconnect();

        assertThat(reasonCode(contradicting)).isEqualTo(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID);
        assertThat(reasonString(contradicting)).startsWith("sensorId: topic-mismatch");
        assertThat(reasonCode(garbage)).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
    }

    @Test
    void anMqtt3ClientStaysConnectedAfterARefusal() {
        String runId = startRun();
        Mqtt3BlockingClient device = MqttClient.builder().useMqttVersion3().identifier("dev3-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        device.connectWith().simpleAuth().username("dev3")
                .password(deviceKey("s-1").getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();

        device.publishWith().topic(SensorTopic.of(runId, "s-1")).qos(MqttQos.AT_LEAST_ONCE)
                .payload("{\"temperature\":-500}".getBytes(StandardCharsets.UTF_8)).send();
        device.publishWith().topic(SensorTopic.of(runId, "s-1")).qos(MqttQos.AT_LEAST_ONCE)
                .payload("{\"temperature\":19.5}".getBytes(StandardCharsets.UTF_8)).send();

        assertThat(device.getState().isConnected()).isTrue();
        device.disconnect();
        assertThat(awaitReadings(runId, 1)).extracting(reading -> reading.get("temperature").asDouble())
                .containsExactly(19.5);
    }

    @Test
    void aWrongPasswordCannotConnect() {
        assertThatThrownBy(() -> device("dev-" + UUID.randomUUID(), "axk_not-a-key"))
                .isInstanceOfSatisfying(Mqtt5ConnAckException.class, refused -> assertThat(
                        refused.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
    }

    @Test
    void aClientWithoutPasswordCannotConnect() {
        Mqtt5BlockingClient anonymous = MqttClient.builder().useMqttVersion5().identifier("anon-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();

        assertThatThrownBy(anonymous::connect)
                .isInstanceOfSatisfying(Mqtt5ConnAckException.class, refused -> assertThat(
                        refused.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
    }

    @Test
    void aKeyOfARoleThatSendsNoReadingsCannotConnect() {
        assertThatThrownBy(() -> device("dev-" + UUID.randomUUID(), apiKey("ANALYST")))
                .isInstanceOfSatisfying(Mqtt5ConnAckException.class, refused -> assertThat(
                        refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
    }

    @Test
    void aDeviceKeyMadeBeforeKeysNamedTheirDeviceCannotConnect() throws Exception {
        String olderKey = "axk_an-older-device-key-bound-to-nothing-" + UUID.randomUUID();
        mongo.insert(new Document("_id", UUID.randomUUID().toString()).append("name", "older-rig")
                .append("role", "DEVICE").append("hash", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(olderKey.getBytes(StandardCharsets.UTF_8)))), "platform_api_keys");

        assertThatThrownBy(() -> device("dev-" + UUID.randomUUID(), olderKey))
                .as("it would publish for any sensor")
                .isInstanceOfSatisfying(Mqtt5ConnAckException.class, refused -> {
                    assertThat(refused.getMqttMessage().getReasonCode())
                            .isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
                    assertThat(refused.getMqttMessage().getReasonString().map(Object::toString))
                            .hasValueSatisfying(reason -> assertThat(reason).contains("names no device"));
                });
    }

    @Test
    void aDeviceMayPublishReadingsButNotSubscribeOrPublishElsewhere() throws InterruptedException {
        String runId = startRun();
        Mqtt5BlockingClient device = device("dev-" + UUID.randomUUID(), deviceKey("s-1"));

        assertThatThrownBy(() -> device.subscribeWith().topicFilter("axle/runs/#").qos(MqttQos.AT_LEAST_ONCE).send())
                .isInstanceOfSatisfying(Mqtt5SubAckException.class, refused -> assertThat(
                        refused.getMqttMessage().getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED));
        assertThatThrownBy(() -> device.subscribeWith().topicFilter(SensorTopic.of(runId, "s-1")).send())
                .isInstanceOf(Mqtt5SubAckException.class);
        assertThat(publish(device, SensorTopic.of(runId, "s-1"), "{\"temperature\":20}")).isNull();
        assertThat(awaitReadings(runId, 1)).hasSize(1);

        Mqtt5BlockingClient admin = device("admin-" + UUID.randomUUID(), apiKey("ADMIN"));
        try (Mqtt5BlockingClient.Mqtt5Publishes seen = admin.publishes(MqttGlobalPublishFilter.ALL)) {
            admin.subscribeWith().topicFilter("bench/raw/#").qos(MqttQos.AT_LEAST_ONCE).send();
            // the broker answers a publish it does not authorise by closing the connection
            assertThatThrownBy(() -> device.publishWith().topic("bench/raw/s-1").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{}".getBytes(StandardCharsets.UTF_8)).send()).isInstanceOf(RuntimeException.class);
            assertThat(seen.receive(1, TimeUnit.SECONDS)).as("never delivered").isEmpty();
        } finally {
            admin.disconnect();
        }
    }

    @Test
    void aClientIdBelongsToTheKeyThatFirstConnectedWithIt() {
        String clientId = "dev-" + UUID.randomUUID();
        String owner = deviceKey("t-1");
        device(clientId, owner).disconnect();

        assertThatThrownBy(() -> device(clientId, deviceKey("t-2")))
                .as("another key cannot take over the session of that client id")
                .isInstanceOfSatisfying(Mqtt5ConnAckException.class, refused -> assertThat(
                        refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
        assertThatThrownBy(() -> device(clientId, apiKey("ADMIN"))).isInstanceOf(Mqtt5ConnAckException.class);

        Mqtt5BlockingClient again = device(clientId, owner);
        assertThat(again.getState().isConnected()).as("its owner connects again").isTrue();
        again.disconnect();
    }

    @Test
    void aDeviceKeyBoundToADevicePublishesThatDevicesReadingsOnly() {
        String runId = startRun();
        String key = deviceKey("t-own");
        Mqtt5BlockingClient device = device("dev-" + UUID.randomUUID(), key);

        assertThat(publish(device, SensorTopic.of(runId, "t-own"), "{\"temperature\":20}")).isNull();
        assertThat(awaitReadings(runId, 1)).hasSize(1);
        Mqtt5PubAckException refused = publish(device, SensorTopic.of(runId, "t-other"), "{\"temperature\":21}");
        assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertThat(reasonString(refused)).startsWith("sensorId: other-device");
        assertThat(recordsUpToNowOf(runId)).as("nothing from another device").hasSize(1);
    }

    @Test
    void theSimulatorsCredentialOnlyPublishesReadings() {
        Mqtt5BlockingClient simulated = MqttClient.builder().useMqttVersion5().identifier("sim-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        simulated.connectWith().simpleAuth().username(simulatorCredentials.username())
                .password(simulatorCredentials.secret().getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
        try {
            assertThatThrownBy(() -> simulated.subscribeWith().topicFilter("axle/runs/#").send())
                    .isInstanceOf(Mqtt5SubAckException.class);
        } finally {
            simulated.disconnect();
        }
    }

    @Test
    void anAdminMaySubscribeToReadingsAndUseOtherTopics() throws InterruptedException {
        String runId = startRun();
        Mqtt5BlockingClient admin = device("admin-" + UUID.randomUUID(), apiKey("ADMIN"));
        Mqtt5BlockingClient device = device("dev-" + UUID.randomUUID(), deviceKey("s-1"));
        try (Mqtt5BlockingClient.Mqtt5Publishes seen = admin.publishes(MqttGlobalPublishFilter.ALL)) {
            admin.subscribeWith().topicFilter("axle/runs/" + runId + "/#").qos(MqttQos.AT_LEAST_ONCE).send();
            admin.subscribeWith().topicFilter("bench/raw/#").qos(MqttQos.AT_LEAST_ONCE).send();

            assertThat(publish(device, SensorTopic.of(runId, "s-1"), "{\"temperature\":20}")).isNull();
            assertThat(seen.receive(10, TimeUnit.SECONDS)).get()
                    .satisfies(message -> assertThat(message.getTopic().toString())
                            .isEqualTo(SensorTopic.of(runId, "s-1")));
            assertThat(publish(admin, "bench/raw/s-1", "{}")).isNull();
            assertThat(seen.receive(10, TimeUnit.SECONDS)).get()
                    .satisfies(message -> assertThat(message.getTopic().toString()).isEqualTo("bench/raw/s-1"));
        } finally {
            device.disconnect();
            admin.disconnect();
        }
    }

    @Test
    void anOperatorKeyConnectsLikeItPostsOverHttp() {
        String runId = startRun();
        Mqtt5BlockingClient operator = device("op-" + UUID.randomUUID(), apiKey("OPERATOR"));

        assertThat(publish(operator, SensorTopic.of(runId, "s-1"), "{\"temperature\":20}")).isNull();
        assertThatThrownBy(() -> operator.subscribeWith().topicFilter("axle/runs/#").send())
                .isInstanceOf(Mqtt5SubAckException.class);
        operator.disconnect();
    }

    @Test
    void connectedDevicesAreListedForAdminsOnly() {
        String clientId = "dev-" + UUID.randomUUID();
        Instant before = Instant.now();
        Mqtt5BlockingClient device = device(clientId, deviceKey("t-1"));
        String admin = apiKey("ADMIN");

        await().atMost(Duration.ofSeconds(10)).until(() -> sessionOf(admin, clientId) != null);
        JsonNode session = sessionOf(admin, clientId);
        assertThat(session.get("source").asText()).startsWith("apikey:device-");
        assertThat(session.get("node").asText()).isEqualTo("gateway-test");
        assertThat(session.get("protocol").asText()).isEqualTo("MQTT 5");
        assertThat(Instant.parse(session.get("connectedAt").asText())).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(http("GET", "/api/devices/sessions", deviceKey("t-1"), null).statusCode()).isEqualTo(403);

        device.disconnect();
        await().atMost(Duration.ofSeconds(10)).until(() -> sessionOf(admin, clientId) == null);
    }

    private JsonNode sessionOf(String apiKey, String clientId) {
        var response = http("GET", "/api/devices/sessions", apiKey, null);
        assertThat(response.statusCode()).isEqualTo(200);
        for (JsonNode session : json(response.body())) {
            if (clientId.equals(session.get("clientId").asText())) {
                return session;
            }
        }
        return null;
    }
}
