package io.axle.gateway.vehicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.axle.api.vehicle.DonglePairedEvent;
import io.axle.api.vehicle.ObdFrame;
import io.axle.gateway.GatewayTestSupport;
import io.axle.gateway.session.DeviceSessions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Frames through the booted gateway: a paired dongle over the in-process broker and over HTTP, people with a sending
 * role over HTTP, and the machine's Mosquitto through the bridge; each accepted frame is on {@code axle.vehicle-frames}
 * keyed by its vehicle by the time it is acknowledged, each refused one is answered with its field and rule and never
 * on Kafka, and the dongle's connection marks its vehicle online.
 */
class VehicleFramesEndToEndTest extends GatewayTestSupport {

    private static final List<ConsumerRecord<String, String>> FRAMES = new ArrayList<>();
    private static KafkaConsumer<String, String> frames;

    @Autowired
    private DeviceSessions sessions;
    @Autowired
    private VehicleRegistry registry;
    @Autowired
    private io.axle.gateway.mqtt.ExternalBrokerBridge bridge;
    @Value("${axle.vehicles.topic:axle.vehicle-frames}")
    private String topic;

    private String vehicleId;
    private String dongleId;
    private String dongleKey;

    @BeforeEach
    void aPairedVehicle() {
        vehicleId = UUID.randomUUID().toString();
        dongleId = "dongle-" + UUID.randomUUID();
        VehicleRegistryTest.append(eventStore, vehicleId, 0, VehicleRegistryTest.registered(vehicleId));
        VehicleRegistryTest.append(eventStore, vehicleId, 1,
                new DonglePairedEvent(vehicleId, dongleId, "key", "tester", Instant.now()));
        dongleKey = deviceKey(dongleId);
        await().atMost(Duration.ofSeconds(15)).until(() -> registry.vehicleOf(dongleId).isPresent());
    }

    @AfterAll
    static void closeFrames() {
        synchronized (FRAMES) {
            if (frames != null) {
                frames.close();
                frames = null;
                FRAMES.clear();
            }
        }
    }

    private List<ObdFrame> framesOf(String vehicle) {
        synchronized (FRAMES) {
            if (frames == null) {
                frames = consumerFromStart(topic);
            }
            frames.poll(Duration.ofMillis(200)).forEach(FRAMES::add);
            return FRAMES.stream().filter(record -> vehicle.equals(record.key()))
                    .map(record -> read(record.value())).toList();
        }
    }

    private ObdFrame read(String json) {
        try {
            return objectMapper.readValue(json, ObdFrame.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<ObdFrame> awaitFrames(String vehicle, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> framesOf(vehicle).size() >= count);
        return framesOf(vehicle);
    }

    private static String frame(String pids) {
        return "{\"at\":\"" + Instant.now().minusSeconds(1) + "\",\"pids\":" + pids + "}";
    }

    @Test
    void aPairedDonglesFrameIsOnKafkaByItsPubackAndItsVehicleIsOnlineWhileConnected() {
        String clientId = "obd-" + UUID.randomUUID();
        Mqtt5BlockingClient dongle = device(clientId, dongleKey);

        Mqtt5PubAckException refusal = publish(dongle, ObdTopic.of(vehicleId),
                "{\"at\":\"" + Instant.now().minusSeconds(1) + "\",\"pids\":{\"0C\":\"1AF8\",\"05\":\"7B\"},"
                        + "\"dtc\":\"43 02 01 33 C1 58\"}");

        assertThat(refusal).isNull();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(sessions.vehicleOnlineSince(vehicleId)).as("online while its dongle is connected").isNotNull();
            assertThat(sessions.find(clientId).vehicleId()).isEqualTo(vehicleId);
            assertThat(sessions.find(clientId).deviceId()).isEqualTo(dongleId);
        });
        ObdFrame frame = awaitFrames(vehicleId, 1).get(0);
        assertThat(frame.values()).containsEntry("rpm", 1726.0).containsEntry("coolantC", 83.0);
        assertThat(frame.troubleCodes()).containsExactly("P0133", "U0158");
        assertThat(frame.source()).startsWith("apikey:device-");

        dongle.disconnect();
        await().atMost(Duration.ofSeconds(10)).until(() -> sessions.vehicleOnlineSince(vehicleId) == null);
    }

    @Test
    void aDonglePublishingForAnotherVehicleIsNotAuthorised() {
        String other = UUID.randomUUID().toString();
        VehicleRegistryTest.append(eventStore, other, 0, VehicleRegistryTest.registered(other));
        await().atMost(Duration.ofSeconds(15)).until(() -> registry.pairingOf(other).isPresent());
        Mqtt5BlockingClient dongle = device("obd-" + UUID.randomUUID(), dongleKey);
        double before = count("vehicle_frames_rejected", "transport", "mqtt", "rule", "other-vehicle");

        Mqtt5PubAckException foreign = publish(dongle, ObdTopic.of(other), frame("{\"0D\":\"3C\"}"));
        Mqtt5PubAckException badHex = publish(dongle, ObdTopic.of(vehicleId), frame("{\"0C\":\"zz\"}"));
        Mqtt5PubAckException own = publish(dongle, ObdTopic.of(vehicleId), frame("{\"0D\":\"3C\"}"));
        dongle.disconnect();

        assertThat(foreign.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertThat(foreign.getMqttMessage().getReasonString().map(Object::toString).orElse(""))
                .startsWith("vehicleId: other-vehicle");
        assertThat(badHex.getMqttMessage().getReasonString().map(Object::toString).orElse(""))
                .startsWith("pids.0C: hex");
        assertThat(own).isNull();
        assertThat(count("vehicle_frames_rejected", "transport", "mqtt", "rule", "other-vehicle"))
                .isEqualTo(before + 1);
        // same key, same partition: had the refused frames been written, they would come first
        assertThat(awaitFrames(vehicleId, 1)).extracting(ObdFrame::values)
                .containsExactly(Map.of("speedKmh", 60.0));
        assertThat(framesOf(other)).isEmpty();
    }

    @Test
    void overHttpTheDongleAndPeopleWithASendingRoleAreAnsweredOnceKafkaHasTheFrame() {
        String path = "/api/v1/vehicles/" + vehicleId + "/telemetry";

        HttpResponse<String> byDongle = http("POST", path, dongleKey, frame("{\"0D\":\"50\"}"));
        HttpResponse<String> byOperator = http("POST", path, apiKey("OPERATOR"),
                "{\"at\":\"" + Instant.now() + "\",\"values\":{\"batteryV\":11.5},\"troubleCodes\":[]}");

        assertThat(byDongle.statusCode()).isEqualTo(202);
        JsonNode accepted = json(byDongle.body());
        assertThat(accepted.get("vehicleId").asText()).isEqualTo(vehicleId);
        assertThat(byOperator.statusCode()).isEqualTo(202);
        List<ObdFrame> stored = awaitFrames(vehicleId, 2);
        assertThat(stored).hasSize(2);
        assertThat(stored.get(0).frameId()).isEqualTo(accepted.get("frameId").asText());
        assertThat(stored.get(1).troubleCodes()).isEmpty();
    }

    @Test
    void overHttpRefusalsAreProblemsNamingFieldAndRule() {
        String path = "/api/v1/vehicles/" + vehicleId + "/telemetry";
        String otherDongle = deviceKey("dongle-" + UUID.randomUUID());

        HttpResponse<String> foreign = http("POST", path, otherDongle, frame("{\"0D\":\"50\"}"));
        HttpResponse<String> implausible = http("POST", path, dongleKey,
                "{\"at\":\"" + Instant.now() + "\",\"values\":{\"coolantC\":900}}");
        HttpResponse<String> noTime = http("POST", path, dongleKey, "{\"pids\":{\"0D\":\"50\"}}");
        HttpResponse<String> analyst = http("POST", path, apiKey("ANALYST"), frame("{\"0D\":\"50\"}"));

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(json(foreign.body()).get("rule").asText()).isEqualTo("other-vehicle");
        assertThat(implausible.statusCode()).isEqualTo(422);
        assertThat(json(implausible.body()).get("field").asText()).isEqualTo("values.coolantC");
        assertThat(json(implausible.body()).get("rule").asText()).isEqualTo("implausible");
        assertThat(noTime.statusCode()).isEqualTo(400);
        assertThat(json(noTime.body()).get("field").asText()).isEqualTo("at");
        assertThat(analyst.statusCode()).isEqualTo(403);
        assertThat(framesOf(vehicleId)).isEmpty();
    }

    @Test
    void aFramePublishedToMosquittoReachesKafkaThroughTheBridge() throws Exception {
        bridge.subscribed().get(20, java.util.concurrent.TimeUnit.SECONDS);
        Mqtt5BlockingClient publisher = MqttClient.builder().useMqttVersion5()
                .identifier("axle-test-obd-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(1883).buildBlocking();
        publisher.connect();
        publisher.publishWith().topic(ObdTopic.of(vehicleId)).qos(MqttQos.AT_LEAST_ONCE)
                .payload(frame("{\"2F\":\"FF\"}").getBytes(StandardCharsets.UTF_8)).send();
        publisher.disconnect();

        ObdFrame frame = awaitFrames(vehicleId, 1).get(0);
        assertThat(frame.values()).containsEntry("fuelPct", 100.0);
        assertThat(frame.source()).isEqualTo("mqtt:127.0.0.1");
    }
}
