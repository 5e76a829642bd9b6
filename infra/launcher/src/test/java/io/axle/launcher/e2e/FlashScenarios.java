package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.AxleClient.Part;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** What the flash tests share: a firmware released, a vehicle with a dongle of the test's own, a flash followed. */
public final class FlashScenarios {

    public static final String ECU = "engine";
    static final Duration SETTLE = Duration.ofSeconds(120);

    private FlashScenarios() {
    }

    /** Releases a firmware of {@link #ECU} for the simulator's hardware and answers its id. */
    public static String release(AxleClient client, String version, String fromVersions) {
        List<Part> parts = new ArrayList<>(List.of(
                Part.file("image", "engine-" + version + ".bin", "application/octet-stream",
                        TestDongle.image(ECU, version)),
                Part.field("ecu", ECU), Part.field("version", version), Part.field("hardware", "SIM-ECM-*"),
                Part.field("releaseNotes", "Idle speed tuned")));
        if (fromVersions != null) {
            parts.add(Part.field("fromVersions", fromVersions));
        }
        Answer released = client.postMultipart("/api/v1/firmware", parts);
        assertThat(released.status()).as(released.raw().body()).isEqualTo(201);
        assertThat(released.body().get("sha256").asText())
                .isEqualTo(TestDongle.sha256(TestDongle.image(ECU, version)));
        return released.body().get("firmwareId").asText();
    }

    /** A vehicle registered with ECU {@link #ECU} at 1.0.0 and a dongle of the test's own, online, battery 13 V. */
    static OwnDongle ownDongle(AxleClient admin, int mqttPort, String name) {
        String vin = "WVWZZZ1JZXW" + String.format(Locale.ROOT, "%06d", (int) (Math.random() * 1_000_000));
        Answer registered = admin.post("/api/v1/vehicles", Map.of("vin", vin, "plate", "FL-123-SH",
                "plateCountry", "FR"));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String vehicleId = registered.body().get("vehicleId").asText();
        Answer ecu = admin.put("/api/v1/vehicles/" + vehicleId + "/ecus/" + ECU,
                Map.of("hardware", "SIM-ECM-1", "version", "1.0.0"));
        assertThat(ecu.status()).as(ecu.raw().body()).isBetween(200, 204);
        String dongleId = "flash-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        String key = admin.post("/api/v1/vehicles/" + vehicleId + "/dongle", Map.of("dongleId", dongleId)).body()
                .get("apiKey").asText();
        await().atMost(SETTLE).until(() -> dongleId.equals(admin.get("/api/v1/vehicles/" + vehicleId).body()
                .path("dongleId").asText()));
        TestDongle dongle = new TestDongle(dongleId, key, "127.0.0.1", mqttPort, admin.baseUrl(), ECU, "1.0.0");
        dongle.reportBattery(vehicleId, 13.0);
        return new OwnDongle(vehicleId, dongle);
    }

    /** A vehicle and the dongle of the test's own that speaks for it. */
    record OwnDongle(String vehicleId, TestDongle dongle) implements AutoCloseable {
        @Override
        public void close() {
            dongle.close();
        }
    }

    /** Waits until the vehicle is online with its battery voltage and its ECU known. */
    static void awaitFlashable(AxleClient admin, String vehicleId) {
        await("vehicle " + vehicleId + " online with a battery voltage and its ECU").atMost(SETTLE)
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    JsonNode vehicle = admin.get("/api/v1/vehicles/" + vehicleId).body();
                    return vehicle.path("online").asBoolean() && vehicle.path("latest").path("batteryV").isNumber()
                            && ecuVersion(admin, vehicleId) != null;
                });
    }

    /** Starts a flash of {@code firmwareId} once the vehicle can take it, and answers the job's id. */
    static String startWhenReady(AxleClient admin, String vehicleId, String firmwareId) {
        awaitFlashable(admin, vehicleId);
        Answer started = admin.post("/api/v1/flash-jobs", Map.of("vehicleId", vehicleId, "ecu", ECU,
                "firmwareId", firmwareId));
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        return started.body().get("flashJobId").asText();
    }

    /** Waits for the job's end and answers its view. */
    static JsonNode awaitEnd(AxleClient admin, String jobId) {
        await("flash job " + jobId + " ended").atMost(SETTLE).pollInterval(Duration.ofMillis(500))
                .until(() -> !admin.get("/api/v1/flash-jobs/" + jobId).body().path("finishedAt").isNull()
                        && !admin.get("/api/v1/flash-jobs/" + jobId).body().path("finishedAt").isMissingNode());
        return admin.get("/api/v1/flash-jobs/" + jobId).body();
    }

    /** How many times {@code step} was sent in the job's timeline. */
    static int requested(JsonNode job, String step) {
        int count = 0;
        for (JsonNode entry : job.get("steps")) {
            if (step.equals(entry.get("step").asText()) && "REQUESTED".equals(entry.get("status").asText())) {
                count++;
            }
        }
        return count;
    }

    /** Whether no flash holds the vehicle. */
    static boolean released(AxleClient admin, String vehicleId) {
        JsonNode vehicle = admin.get("/api/v1/vehicles/" + vehicleId).body();
        return vehicle.has("flashJobId") && vehicle.get("flashJobId").isNull();
    }

    /** The version the vehicle's ECU {@link #ECU} runs, or null when it has none recorded. */
    static String ecuVersion(AxleClient admin, String vehicleId) {
        for (JsonNode ecu : admin.get("/api/v1/vehicles/" + vehicleId).body().path("ecus")) {
            if (ECU.equals(ecu.path("ecu").asText())) {
                return ecu.path("version").asText();
            }
        }
        return null;
    }
}
