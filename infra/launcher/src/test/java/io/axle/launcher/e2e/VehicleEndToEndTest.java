package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.axle.api.vehicle.ObdFrame;
import io.axle.gateway.mqtt.ExternalBrokerBridge;
import io.axle.launcher.e2e.AxleClient.Answer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The vehicle registry on the booted application: a vehicle registered for a customer, its VIN refused a second time,
 * a dongle paired with its key shown once, frames on the Kafka topic becoming trouble code and threshold events of
 * the vehicle through the vehicle-facts watcher (a code gone from the mode 03 answer cleared and kept in the vehicle's
 * trouble-code history), the plate unreadable once the owner is erased; and a frame published to the machine's
 * Mosquitto reaching the read models through the gateway's bridge.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VehicleEndToEndTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String TOPIC = "axle.vehicle-frames";
    private static final String MOSQUITTO_HOST = "127.0.0.1";
    private static final int MOSQUITTO_PORT = 1883;

    private Path dataDir;
    private RunningAxle axle;
    private AxleClient admin;

    @BeforeAll
    void boot() throws IOException {
        dataDir = Files.createTempDirectory("axle-e2e-vehicles");
        // the bridge from the machine's Mosquitto, in a subscription group of this run's own
        String testRun = UUID.randomUUID().toString();
        axle = RunningAxle.start(dataDir, Map.of(
                "axle.mqtt.external.uri", "tcp://" + MOSQUITTO_HOST + ":" + MOSQUITTO_PORT,
                "axle.mqtt.external.client-id", "axle-e2e-vehicles-" + testRun,
                "axle.mqtt.external.share-group", "axle-e2e-vehicles-" + testRun,
                "axle.mqtt.external.session-expiry", "120s"));
        admin = axle.admin();
    }

    @AfterAll
    void shutDown() {
        if (axle != null) {
            axle.close();
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    @Test
    void aRegisteredVehicleIsToldWhatItsFramesChangeAndLosesItsPlateWithItsOwner() throws Exception {
        Answer customer = admin.post("/api/v1/customers", Map.of("name", "Jeanne Martin", "email",
                "jeanne@example.com", "country", "FR", "currency", "EUR", "creditLimit", new BigDecimal("100")));
        assertThat(customer.status()).as(customer.raw().body()).isEqualTo(201);
        String owner = customer.body().get("id").asText();

        Map<String, Object> registration = new HashMap<>(Map.of("vin", "1G4AH59H45G118341", "plate", "AB 123 CD",
                "plateCountry", "FR", "make", "Buick", "ownerCustomerId", owner));
        Answer registered = admin.post("/api/v1/vehicles", registration);
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String vehicleId = registered.body().get("vehicleId").asText();
        Answer again = admin.post("/api/v1/vehicles", registration);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("rule").asText()).isEqualTo("must-be-unique");

        Answer paired = admin.post("/api/v1/vehicles/" + vehicleId + "/dongle", Map.of("dongleId", "obd-e2e-1"));
        assertThat(paired.status()).as(paired.raw().body()).isEqualTo(201);
        assertThat(paired.body().get("apiKey").asText()).startsWith("axk_");

        // declared by the gateway's topic configuration where it runs; created here for a command side alone
        axle.bean(KafkaAdmin.class).createOrModifyTopics(new NewTopic(TOPIC, 1, (short) 1));
        @SuppressWarnings("unchecked")
        KafkaTemplate<String, String> kafka = axle.bean(KafkaTemplate.class);
        ObjectMapper json = axle.bean(ObjectMapper.class);
        // to the millisecond, as the read store keeps instants
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 3; i++) {
            ObdFrame frame = new ObdFrame(UUID.randomUUID().toString(), vehicleId, "obd-e2e-1", at.plusSeconds(i),
                    at.plusSeconds(i), Map.of("coolantC", 112.0 + i), List.of("P0133"));
            kafka.send(TOPIC, vehicleId, json.writeValueAsString(frame)).get();
        }

        await().atMost(SETTLE).until(() -> types(vehicleId).containsAll(List.of("TroubleCodeDetectedEvent",
                "ThresholdCrossedEvent")));
        assertThat(types(vehicleId)).containsExactly("VehicleRegisteredEvent", "DonglePairedEvent",
                "TroubleCodeDetectedEvent", "ThresholdCrossedEvent");
        JsonNode trail = admin.get("/api/v1/audit/Vehicle/" + vehicleId).body();
        assertThat(trail.get(0).at("/payload/plate").asText()).isEqualTo("AB-123-CD");
        String description = trail.get(2).at("/payload/description").asText();
        assertThat(description).isNotBlank();

        // the mode 03 answer no longer holds P0133: cleared, and kept in the vehicle's trouble-code history
        ObdFrame withoutCodes = new ObdFrame(UUID.randomUUID().toString(), vehicleId, "obd-e2e-1",
                at.plusSeconds(3), at.plusSeconds(3), Map.of("coolantC", 90.0), List.of());
        kafka.send(TOPIC, vehicleId, json.writeValueAsString(withoutCodes)).get();
        await().atMost(SETTLE).until(() -> types(vehicleId).containsAll(List.of("TroubleCodeClearedEvent",
                "ThresholdClearedEvent")));
        await().atMost(SETTLE).until(() -> admin.get("/api/v1/vehicles/" + vehicleId).body()
                .path("clearedTroubleCodes").size() == 1);
        JsonNode view = admin.get("/api/v1/vehicles/" + vehicleId).body();
        assertThat(view.get("troubleCodes").size()).isZero();
        JsonNode cleared = view.at("/clearedTroubleCodes/0");
        assertThat(cleared.get("code").asText()).isEqualTo("P0133");
        assertThat(cleared.get("description").asText()).isEqualTo(description);
        assertThat(Instant.parse(cleared.get("detectedAt").asText())).isEqualTo(at);
        assertThat(Instant.parse(cleared.get("clearedAt").asText())).isEqualTo(at.plusSeconds(3));

        assertThat(admin.post("/api/v1/customers/" + owner + "/erase", Map.of()).status()).isEqualTo(200);
        await().atMost(SETTLE).until(() -> admin.get("/api/v1/audit/Vehicle/" + vehicleId).body().get(0)
                .at("/payload/plate").isNull());
        JsonNode erased = admin.get("/api/v1/audit/Vehicle/" + vehicleId).body().get(0);
        assertThat(erased.at("/payload/vin").asText()).isEqualTo("1G4AH59H45G118341");
    }

    @Test
    void aPairedDonglesFramePublishedToTheMachinesMosquittoReachesTheReadModelThroughTheBridge() throws Exception {
        Answer registered = admin.post("/api/v1/vehicles", Map.of("vin", "VF1RFB00163000001", "plate", "EF-456-GH",
                "plateCountry", "FR"));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String vehicleId = registered.body().get("vehicleId").asText();
        Answer paired = admin.post("/api/v1/vehicles/" + vehicleId + "/dongle",
                Map.of("dongleId", "obd-e2e-mosquitto"));
        assertThat(paired.status()).as(paired.raw().body()).isEqualTo(201);

        // a message on a shared subscription nobody holds yet is dropped by the broker: wait for the bridge's SUBACK
        axle.bean(ExternalBrokerBridge.class).subscribed().get(SETTLE.toSeconds(), TimeUnit.SECONDS);
        Instant at = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        // the vehicle id is this run's own: no other run's bridge takes the frame for a vehicle of its own
        Mqtt5BlockingClient dongle = MqttClient.builder().useMqttVersion5()
                .identifier("axle-e2e-obd-" + UUID.randomUUID()).serverHost(MOSQUITTO_HOST).serverPort(MOSQUITTO_PORT)
                .buildBlocking();
        dongle.connect();
        try {
            dongle.publishWith().topic("axle/vehicles/" + vehicleId + "/obd").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"at\": \"" + at + "\", \"pids\": {\"0D\": \"3C\", \"05\": \"7B\"}}")
                            .getBytes(StandardCharsets.UTF_8))
                    .send();
        } finally {
            dongle.disconnect();
        }

        await().atMost(SETTLE).until(() -> admin.get("/api/v1/vehicles/" + vehicleId).body().at("/latest/speedKmh")
                .isNumber());
        JsonNode vehicle = admin.get("/api/v1/vehicles/" + vehicleId).body();
        assertThat(vehicle.at("/latest/speedKmh").asDouble()).isEqualTo(60.0);
        assertThat(vehicle.at("/latest/coolantC").asDouble()).isEqualTo(83.0);
        assertThat(Instant.parse(vehicle.get("lastSeenAt").asText())).isEqualTo(at);
        assertThat(vehicle.get("online").asBoolean()).as("a dongle on an external broker holds no session here")
                .isFalse();
        JsonNode series = admin.get("/api/v1/vehicles/" + vehicleId + "/telemetry?measure=coolantC&resolution=raw")
                .body();
        assertThat(series.get("points").size()).isEqualTo(1);
        assertThat(series.at("/points/0/avg").asDouble()).isEqualTo(83.0);
        assertThat(Instant.parse(series.at("/points/0/at").asText())).isEqualTo(at);
    }

    private List<String> types(String vehicleId) {
        List<String> types = new ArrayList<>();
        admin.get("/api/v1/audit/Vehicle/" + vehicleId).body().forEach(event -> types.add(event.get("type").asText()));
        return types;
    }
}
