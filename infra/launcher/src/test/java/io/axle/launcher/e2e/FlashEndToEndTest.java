package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.AxleClient.Part;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

/**
 * ECU flashes on the booted application, through the in-process MQTT broker: the simulated dongles answer every
 * failure the simulator knows, each ending in the status and the ECU version it must (a failure before the backup
 * aborts, one after it rolls back, a failed restore fails with the vehicle's critical alarm, a dongle that disconnects
 * in the middle of the transfer comes back and completes); a dongle of the test's own answers every status twice;
 * two flashes asked at once for one vehicle start one; a flash waiting for its dongle is cancelled; and the refusals
 * before a flash starts name their rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlashEndToEndTest {

    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final String ECU = "engine";

    private Path dataDir;
    private RunningAxle axle;
    private AxleClient admin;
    private String firmwareId;
    private int mqttPort;

    @BeforeAll
    void boot() throws IOException {
        dataDir = Files.createTempDirectory("axle-e2e-flashes");
        mqttPort = AxleProcess.freePort();
        axle = RunningAxle.start(dataDir, Map.of(
                "axle.mqtt.embedded.port", Integer.toString(mqttPort),
                // a dongle that does not answer is given up on in seconds here, minutes in production
                "axle.flash.timeouts.TRANSFER", "8s",
                "axle.flash.timeouts.DIAGNOSTIC_SESSION", "8s",
                "axle.flash.step-attempts", "2"));
        admin = axle.admin();
        firmwareId = release(admin, "1.1.0", "[1.0.0,1.1.0)");
    }

    @AfterAll
    void shutDown() {
        if (axle != null) {
            axle.close();
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    /** Releases a firmware of {@link #ECU} for the simulator's hardware and answers its id. */
    static String release(AxleClient client, String version, String fromVersions) {
        Answer released = client.postMultipart("/api/v1/firmware", List.of(
                Part.file("image", "engine-" + version + ".bin", "application/octet-stream",
                        TestDongle.image(ECU, version)),
                Part.field("ecu", ECU), Part.field("version", version), Part.field("hardware", "SIM-ECM-*"),
                Part.field("fromVersions", fromVersions), Part.field("releaseNotes", "Idle speed tuned")));
        assertThat(released.status()).as(released.raw().body()).isEqualTo(201);
        assertThat(released.body().get("sha256").asText())
                .isEqualTo(TestDongle.sha256(TestDongle.image(ECU, version)));
        return released.body().get("firmwareId").asText();
    }

    @Test
    void eachFailureOfTheSimulatorEndsAsItMust() {
        // failAt (null: none) → the job's end and the version the ECU runs afterwards
        Map<String, String[]> expected = new LinkedHashMap<>();
        expected.put("none", new String[] {"COMPLETED", "1.1.0"});
        expected.put("backup", new String[] {"ABORTED", "1.0.0"});
        expected.put("erase", new String[] {"ROLLED_BACK", "1.0.0"});
        expected.put("transfer", new String[] {"ROLLED_BACK", "1.0.0"});
        expected.put("verify", new String[] {"ROLLED_BACK", "1.0.0"});
        expected.put("restore", new String[] {"FAILED", "1.0.0"});
        expected.put("timeout", new String[] {"ROLLED_BACK", "1.0.0"});
        expected.put("disconnect", new String[] {"COMPLETED", "1.1.0"});
        Map<String, String> vehicles = new LinkedHashMap<>();
        for (String failAt : expected.keySet()) {
            Map<String, Object> request = new LinkedHashMap<>(Map.of("count", 1, "interval", 2));
            if (!"none".equals(failAt)) {
                request.put("flash", Map.of("failAt", failAt));
            }
            Answer simulated = admin.post("/api/v1/vehicles/simulate", request);
            assertThat(simulated.status()).as(simulated.raw().body()).isEqualTo(201);
            vehicles.put(failAt, simulated.body().get("vehicleIds").get(0).asText());
        }
        Map<String, String> jobs = new LinkedHashMap<>();
        vehicles.forEach((failAt, vehicleId) -> jobs.put(failAt, startWhenReady(vehicleId)));

        jobs.forEach((failAt, jobId) -> {
            String[] end = expected.get(failAt);
            JsonNode job = awaitEnd(jobId);
            assertThat(job.get("status").asText()).as("flash with failAt=%s: %s", failAt, job).isEqualTo(end[0]);
            assertThat(job.get("finishedAt").isNull()).isFalse();
            assertThat(requested(job, "ERASE")).as("erase sent at most once (%s)", failAt).isLessThanOrEqualTo(1);
            String vehicleId = vehicles.get(failAt);
            await("vehicle " + vehicleId + " released and at " + end[1]).atMost(SETTLE)
                    .until(() -> released(vehicleId) && end[1].equals(ecuVersion(vehicleId)));
            if (!"COMPLETED".equals(end[0])) {
                assertThat(job.get("reason").asText()).as("why %s did not complete", failAt).isNotBlank();
            }
        });
        JsonNode failed = admin.get("/api/v1/vehicles/" + vehicles.get("restore")).body();
        assertThat(failed.path("flashAlarm").path("flashJobId").asText()).isEqualTo(jobs.get("restore"));
        JsonNode completed = admin.get("/api/v1/flash-jobs/" + jobs.get("none")).body();
        assertThat(completed.get("progressPct").asInt()).isEqualTo(100);
        assertThat(completed.get("fromVersion").asText()).isEqualTo("1.0.0");
        assertThat(completed.get("toVersion").asText()).isEqualTo("1.1.0");
        assertThat(completed.get("requestedBy").asText()).isEqualTo("admin");
        List<String> confirmed = new ArrayList<>();
        completed.get("steps").forEach(step -> {
            if ("CONFIRMED".equals(step.get("status").asText())) {
                confirmed.add(step.get("step").asText());
            }
        });
        assertThat(confirmed).containsExactly("DIAGNOSTIC_SESSION", "SECURITY_ACCESS", "BACKUP", "ERASE", "TRANSFER",
                "TRANSFER_EXIT", "VERIFY", "RESET");
        Answer byVehicle = admin.get("/api/v1/flash-jobs?vehicleId=" + vehicles.get("none"));
        assertThat(byVehicle.body().get("content")).hasSize(1);
    }

    @Test
    void aDongleAnsweringEveryStatusTwiceFlashesOnce() throws Exception {
        try (TestDongle dongle = ownDongle("twice")) {
            dongle.dongle.answerTwice = true;
            String jobId = startWhenReady(dongle.vehicleId);
            JsonNode job = awaitEnd(jobId);
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
            assertThat(dongle.dongle.erases(jobId)).isEqualTo(1);
            long confirmations = 0;
            for (JsonNode step : job.get("steps")) {
                confirmations += "CONFIRMED".equals(step.get("status").asText()) ? 1 : 0;
            }
            assertThat(confirmations).as("each step confirmed once: %s", job.get("steps")).isEqualTo(8);
        }
    }

    @Test
    void twoFlashesAskedAtOnceForOneVehicleStartOne() throws Exception {
        try (TestDongle dongle = ownDongle("race")) {
            dongle.dongle.silent = true;
            awaitFlashable(dongle.vehicleId);
            Map<String, Object> body = Map.of("vehicleId", dongle.vehicleId, "ecu", ECU, "firmwareId", firmwareId);
            List<Answer> answers = Concurrently.race(2, i -> admin.post("/api/v1/flash-jobs", body));
            assertThat(answers).extracting(Answer::status).containsExactlyInAnyOrder(202, 409);
            Answer refused = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
            assertThat(refused.body().get("rule").asText()).isEqualTo("flash-running");

            // the one accepted waits for its silent dongle: it can be cancelled, and the vehicle is free again
            String jobId = answers.stream().filter(a -> a.status() == 202).findFirst().orElseThrow().body()
                    .get("flashJobId").asText();
            Answer cancelled = admin.post("/api/v1/flash-jobs/" + jobId + "/cancel", Map.of("reason", "wrong car"));
            assertThat(cancelled.status()).as(cancelled.raw().body()).isBetween(200, 202);
            assertThat(awaitEnd(jobId).get("status").asText()).isEqualTo("CANCELLED");
            await().atMost(SETTLE).until(() -> released(dongle.vehicleId));
            assertThat(ecuVersion(dongle.vehicleId)).isEqualTo("1.0.0");
        }
    }

    @Test
    void aFlashIsRefusedWithTheRuleItBreaks() throws Exception {
        try (TestDongle dongle = ownDongle("refusals")) {
            awaitFlashable(dongle.vehicleId);
            Answer unknownFirmware = admin.post("/api/v1/flash-jobs", Map.of("vehicleId", dongle.vehicleId,
                    "ecu", ECU, "firmwareId", UUID.randomUUID().toString()));
            assertThat(rule(unknownFirmware)).isEqualTo("unknown-firmware");
            Answer unknownVehicle = admin.post("/api/v1/flash-jobs", Map.of("vehicleId", UUID.randomUUID().toString(),
                    "ecu", ECU, "firmwareId", firmwareId));
            assertThat(unknownVehicle.status()).isEqualTo(404);

            String older = release(admin, "0.9.0", null);
            Answer downgrade = admin.post("/api/v1/flash-jobs", Map.of("vehicleId", dongle.vehicleId, "ecu", ECU,
                    "firmwareId", older));
            assertThat(rule(downgrade)).isEqualTo("downgrade");

            String withdrawn = release(admin, "1.0.5", null);
            assertThat(admin.post("/api/v1/firmware/" + withdrawn + "/withdraw", Map.of("reason", "recall"))
                    .status()).isBetween(200, 204);
            await().atMost(SETTLE).until(() -> "withdrawn".equals(rule(admin.post("/api/v1/flash-jobs",
                    Map.of("vehicleId", dongle.vehicleId, "ecu", ECU, "firmwareId", withdrawn)))));

            dongle.dongle.reportBattery(dongle.vehicleId, 11.8);
            await().atMost(SETTLE).until(() -> "battery-low".equals(rule(admin.post("/api/v1/flash-jobs",
                    Map.of("vehicleId", dongle.vehicleId, "ecu", ECU, "firmwareId", firmwareId)))));
        }
    }

    private static String rule(Answer answer) {
        assertThat(answer.status()).as(answer.raw().body()).isGreaterThanOrEqualTo(400);
        return answer.body().path("rule").asText();
    }

    /** A vehicle registered with ECU {@link #ECU} at 1.0.0 and a dongle of the test's own, online, battery 13 V. */
    private OwnDongle ownDongle(String name) throws Exception {
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
        TestDongle dongle = new TestDongle(dongleId, key, "127.0.0.1", mqttPort, axle.baseUrl(), ECU,
                "1.0.0");
        dongle.reportBattery(vehicleId, 13.0);
        return new OwnDongle(vehicleId, dongle);
    }

    private record OwnDongle(String vehicleId, TestDongle dongle) implements AutoCloseable {
        @Override
        public void close() {
            dongle.close();
        }
    }

    /** Waits until the vehicle is online with its battery voltage and its ECU known. */
    private void awaitFlashable(String vehicleId) {
        await("vehicle " + vehicleId + " online with a battery voltage and its ECU").atMost(SETTLE)
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    JsonNode vehicle = admin.get("/api/v1/vehicles/" + vehicleId).body();
                    return vehicle.path("online").asBoolean() && vehicle.path("latest").path("batteryV").isNumber()
                            && ecuVersion(vehicleId) != null;
                });
    }

    /** Starts a flash of {@link #firmwareId} once the vehicle can take it, and answers the job's id. */
    private String startWhenReady(String vehicleId) {
        awaitFlashable(vehicleId);
        Answer started = admin.post("/api/v1/flash-jobs", Map.of("vehicleId", vehicleId, "ecu", ECU,
                "firmwareId", firmwareId));
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        return started.body().get("flashJobId").asText();
    }

    private JsonNode awaitEnd(String jobId) {
        Callable<JsonNode> view = () -> admin.get("/api/v1/flash-jobs/" + jobId).body();
        await("flash job " + jobId + " ended").atMost(SETTLE).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonNode job = view.call();
                    return job != null && job.has("status") && !job.path("finishedAt").isNull()
                            && !job.path("finishedAt").isMissingNode();
                });
        try {
            return view.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int requested(JsonNode job, String step) {
        int count = 0;
        for (JsonNode entry : job.get("steps")) {
            if (step.equals(entry.get("step").asText()) && "REQUESTED".equals(entry.get("status").asText())) {
                count++;
            }
        }
        return count;
    }

    private boolean released(String vehicleId) {
        return admin.get("/api/v1/vehicles/" + vehicleId).body().path("flashJobId").isNull();
    }

    private String ecuVersion(String vehicleId) {
        for (JsonNode ecu : admin.get("/api/v1/vehicles/" + vehicleId).body().path("ecus")) {
            if (ECU.equals(ecu.path("ecu").asText())) {
                return ecu.path("version").asText();
            }
        }
        return null;
    }
}
