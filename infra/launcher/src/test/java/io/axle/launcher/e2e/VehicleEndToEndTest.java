package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.vehicle.ObdFrame;
import io.axle.launcher.e2e.AxleClient.Answer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * the vehicle through the vehicle-facts watcher, and the plate unreadable once the owner is erased.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VehicleEndToEndTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String TOPIC = "axle.vehicle-frames";

    private Path dataDir;
    private RunningAxle axle;
    private AxleClient admin;

    @BeforeAll
    void boot() throws IOException {
        dataDir = Files.createTempDirectory("axle-e2e-vehicles");
        axle = RunningAxle.start(dataDir, Map.of());
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
        Instant at = Instant.now();
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
        assertThat(trail.get(2).at("/payload/description").asText()).isNotBlank();

        assertThat(admin.post("/api/v1/customers/" + owner + "/erase", Map.of()).status()).isEqualTo(200);
        await().atMost(SETTLE).until(() -> admin.get("/api/v1/audit/Vehicle/" + vehicleId).body().get(0)
                .at("/payload/plate").isNull());
        JsonNode erased = admin.get("/api/v1/audit/Vehicle/" + vehicleId).body().get(0);
        assertThat(erased.at("/payload/vin").asText()).isEqualTo("1G4AH59H45G118341");
    }

    private List<String> types(String vehicleId) {
        List<String> types = new ArrayList<>();
        admin.get("/api/v1/audit/Vehicle/" + vehicleId).body().forEach(event -> types.add(event.get("type").asText()));
        return types;
    }
}
