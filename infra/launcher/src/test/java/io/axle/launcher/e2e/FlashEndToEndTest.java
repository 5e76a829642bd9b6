package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.AxleClient.Download;
import io.axle.launcher.e2e.AxleClient.Part;
import io.axle.launcher.e2e.SpecCoverage.Endpoint;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * two flashes asked at once for one vehicle start one; a flash waiting for its dongle is cancelled; the refusals
 * before a flash starts name their rule; and the firmware catalogue's own rules ({@link Catalogue}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlashEndToEndTest {

    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final String ECU = FlashScenarios.ECU;

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
                "axle.flash.step-attempts", "2",
                "axle.firmware.max-image-size", "256KB",
                "axle.documents.max-size", "128KB"));
        admin = axle.admin();
        firmwareId = FlashScenarios.release(admin, "1.1.0", "[1.0.0,1.1.0)");
    }

    @AfterAll
    void shutDown() {
        if (axle != null) {
            axle.close();
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
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
        try (FlashScenarios.OwnDongle dongle = ownDongle("twice")) {
            dongle.dongle().answerTwice = true;
            String jobId = startWhenReady(dongle.vehicleId());
            JsonNode job = awaitEnd(jobId);
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
            assertThat(dongle.dongle().erases(jobId)).isEqualTo(1);
            long confirmations = 0;
            for (JsonNode step : job.get("steps")) {
                confirmations += "CONFIRMED".equals(step.get("status").asText()) ? 1 : 0;
            }
            assertThat(confirmations).as("each step confirmed once: %s", job.get("steps")).isEqualTo(8);
        }
    }

    @Test
    void twoFlashesAskedAtOnceForOneVehicleStartOne() throws Exception {
        try (FlashScenarios.OwnDongle dongle = ownDongle("race")) {
            dongle.dongle().silent = true;
            awaitFlashable(dongle.vehicleId());
            Map<String, Object> body = Map.of("vehicleId", dongle.vehicleId(), "ecu", ECU, "firmwareId", firmwareId);
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
            await().atMost(SETTLE).until(() -> released(dongle.vehicleId()));
            assertThat(ecuVersion(dongle.vehicleId())).isEqualTo("1.0.0");
        }
    }

    @Test
    void aFlashIsRefusedWithTheRuleItBreaks() throws Exception {
        try (FlashScenarios.OwnDongle dongle = ownDongle("refusals")) {
            awaitFlashable(dongle.vehicleId());
            Answer unknownFirmware = admin.post("/api/v1/flash-jobs", Map.of("vehicleId", dongle.vehicleId(),
                    "ecu", ECU, "firmwareId", UUID.randomUUID().toString()));
            assertThat(rule(unknownFirmware)).isEqualTo("unknown-firmware");
            Answer unknownVehicle = admin.post("/api/v1/flash-jobs", Map.of("vehicleId", UUID.randomUUID().toString(),
                    "ecu", ECU, "firmwareId", firmwareId));
            assertThat(unknownVehicle.status()).isEqualTo(404);

            String older = FlashScenarios.release(admin, "0.9.0", null);
            Answer downgrade = admin.post("/api/v1/flash-jobs", Map.of("vehicleId", dongle.vehicleId(), "ecu", ECU,
                    "firmwareId", older));
            assertThat(rule(downgrade)).isEqualTo("downgrade");

            String withdrawn = FlashScenarios.release(admin, "1.0.5", null);
            assertThat(admin.post("/api/v1/firmware/" + withdrawn + "/withdraw", Map.of("reason", "recall"))
                    .status()).isBetween(200, 204);
            await().atMost(SETTLE).until(() -> "withdrawn".equals(rule(admin.post("/api/v1/flash-jobs",
                    Map.of("vehicleId", dongle.vehicleId(), "ecu", ECU, "firmwareId", withdrawn)))));

            dongle.dongle().reportBattery(dongle.vehicleId(), 11.8);
            await().atMost(SETTLE).until(() -> "battery-low".equals(rule(admin.post("/api/v1/flash-jobs",
                    Map.of("vehicleId", dongle.vehicleId(), "ecu", ECU, "firmwareId", firmwareId)))));
        }
    }

    /**
     * The firmware catalogue: an image larger than the document limit is released and a dongle downloads it byte for
     * byte with its hash as ETag, a version is released once, a withdrawal is 200 twice, and what is not a release is
     * refused with its problem, up to the container's 413 past the image limit (256 KB here, documents 128 KB).
     */
    @Nested
    class Catalogue {

        /** One ECU per run, so that its versions are this test's alone. */
        private static final String CATALOGUE_ECU = "ecm-" + UUID.randomUUID().toString().substring(0, 8);

        private Answer release(String version, byte[] image, String... fields) {
            List<Part> parts = new ArrayList<>();
            if (image != null) {
                parts.add(Part.file("image", "ecm-" + version + ".bin", "application/octet-stream", image));
            }
            parts.add(Part.field("ecu", CATALOGUE_ECU));
            if (version != null) {
                parts.add(Part.field("version", version));
            }
            for (int i = 0; i + 1 < fields.length; i += 2) {
                parts.add(Part.field(fields[i], fields[i + 1]));
            }
            return admin.postMultipart("/api/v1/firmware", parts);
        }

        private byte[] random(int size, long seed) {
            byte[] bytes = new byte[size];
            new Random(seed).nextBytes(bytes);
            return bytes;
        }

        private String sha256(byte[] bytes) throws Exception {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }

        @Test
        void aReleasedImageIsDownloadedByteForByteByADongleAndItsVersionIsReleasedOnce() throws Exception {
            byte[] image = random(200 * 1024, 14);

            Answer released = release("1.4.2", image, "hardware", "ECM-2*,ECM-30", "fromVersions", "[1.0,1.4.2)",
                    "releaseNotes", "Idle stability fix");
            assertThat(released.status()).as(released.raw().body()).isEqualTo(201);
            String firmwareId = released.body().get("firmwareId").asText();
            assertThat(released.body().get("sha256").asText()).isEqualTo(sha256(image));
            assertThat(released.body().get("size").asLong()).isEqualTo(image.length);
            assertThat(released.header("Location")).isEqualTo("/api/v1/firmware/" + firmwareId);

            Answer again = release("1.4.2", random(10, 15));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.body().get("field").asText()).isEqualTo("version");
            assertThat(again.body().get("rule").asText()).isEqualTo("must-be-unique");

            Answer key = admin.post("/api/v1/api-keys", Map.of("name", "dongle-" + CATALOGUE_ECU, "role", "device",
                    "deviceId", "dongle-" + CATALOGUE_ECU));
            assertThat(key.status()).as(key.raw().body()).isEqualTo(201);
            AxleClient dongle = new AxleClient(axle.baseUrl()).withApiKey(key.body().get("key").asText());
            Download download = dongle.download("/api/v1/firmware/" + firmwareId + "/image", "*/*");
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.bytes()).isEqualTo(image);
            assertThat(download.header("ETag")).isEqualTo("\"" + sha256(image) + "\"");
            assertThat(download.header("Content-Type")).isEqualTo("application/octet-stream");
            assertThat(dongle.post("/api/v1/firmware/" + firmwareId + "/withdraw", Map.of()).status())
                    .as("a dongle keeps no catalogue").isEqualTo(403);

            Answer withdrawn = admin.post("/api/v1/firmware/" + firmwareId + "/withdraw", Map.of("reason", "bricks"));
            assertThat(withdrawn.status()).isEqualTo(200);
            assertThat(withdrawn.body().get("status").asText()).isEqualTo("WITHDRAWN");
            assertThat(admin.post("/api/v1/firmware/" + firmwareId + "/withdraw", Map.of()).status()).isEqualTo(200);
            assertThat(admin.post("/api/v1/firmware/" + UUID.randomUUID() + "/withdraw", Map.of()).status())
                    .isEqualTo(404);
        }

        @Test
        void whatIsNotAReleaseIsRefusedNamingTheField() {
            assertRefused(release(null, random(10, 1)), 400, "version", "required");
            assertRefused(release("2.0.0", null), 400, "image", "required");
            assertRefused(release("2.0.0", new byte[0]), 422, "image", "required");
            assertRefused(release("2.0.0 beta", random(10, 2)), 422, "version", "version-format");
            assertRefused(release("2.0.0", random(10, 3), "hardware", "ECM-2*, ECM 3"), 422, "hardware[1]",
                    "hardware-format");
            assertRefused(release("2.0.0", random(10, 4), "fromVersions", "[2.0,1.0)"), 422, "fromVersions",
                    "version-range-format");
            assertRefused(release("2.0.0", random(300 * 1024, 5)), 413, "image", "max-size");
            assertThat(release("2.0.0", random(10, 6)).status()).as("nothing refused took the version").isEqualTo(201);
        }

        @Test
        void theFirmwareEndpointsAreDescribedWithTheirRolesProblemsAndSuccessStatuses() {
            JsonNode spec = axle.anonymous().get("/v3/api-docs").body();
            Map<Endpoint, Integer> statuses = Map.of(new Endpoint("POST", "/api/v1/firmware"), 201,
                    new Endpoint("POST", "/api/v1/firmware/{id}/withdraw"), 200,
                    new Endpoint("GET", "/api/v1/firmware/{id}/image"), 200);

            assertThat(SpecCoverage.gaps(statuses.keySet(), spec)).isEmpty();
            assertThat(SpecCoverage.successGaps(statuses, spec)).isEmpty();
            assertThat(spec.at("/paths/~1api~1v1~1firmware~1{id}~1image/get/x-roles").toString())
                    .contains("\"device\"").contains("\"admin\"").contains("\"technician\"");
        }

        private void assertRefused(Answer answer, int status, String field, String rule) {
            assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body().get("field").asText()).isEqualTo(field);
            assertThat(answer.body().get("rule").asText()).isEqualTo(rule);
        }
    }

    /**
     * A campaign of 200 simulated vehicles, half of whose flashes fail (a random failure of the simulator's): its first
     * group of 50 is paused by the error threshold (10 %: the fifth error) before the second starts, then an emergency
     * stop cancels what had not erased yet, and every vehicle ends with an outcome, no job left running.
     */
    @Nested
    class Campaign {

        private static final int VEHICLES = 200;

        @Test
        void aCampaignWithFailuresPausesAtItsErrorThresholdAndStopsWhenAsked() {
            List<String> vehicleIds = new ArrayList<>();
            for (int batch = 0; batch < VEHICLES / 25; batch++) { // each answered within the client's timeout
                Answer simulated = admin.post("/api/v1/vehicles/simulate", Map.of("count", 25, "interval", 30,
                        "flash", Map.of("probability", 0.5)));
                assertThat(simulated.status()).as(simulated.raw().body()).isEqualTo(201);
                simulated.body().get("vehicleIds").forEach(id -> vehicleIds.add(id.asText()));
            }
            vehicleIds.forEach(FlashEndToEndTest.this::awaitFlashable);

            Answer created = admin.post("/api/v1/flash-campaigns", Map.of("name", "Idle speed fix",
                    "firmwareId", firmwareId, "target", Map.of("vehicleIds", vehicleIds), "groups", 4,
                    "successThresholdPct", 100, "errorThresholdPct", 10));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            assertThat(created.body().get("vehicles").asInt()).isEqualTo(VEHICLES);
            String campaignId = created.body().get("campaignId").asText();
            Answer started = admin.post("/api/v1/flash-campaigns/" + campaignId + "/start", Map.of());
            assertThat(started.status()).as(started.raw().body()).isBetween(200, 202);

            await("campaign paused by its error threshold").atMost(FlashScenarios.SETTLE)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> "PAUSED".equals(campaign(campaignId).path("status").asText()));
            JsonNode paused = campaign(campaignId);
            assertThat(paused.path("pauseReason").asText()).as(paused.toString()).isNotBlank();
            assertThat(paused.at("/totals/failed").asInt() + paused.at("/totals/expired").asInt())
                    .as("errors at the brake: %s", paused.get("totals")).isGreaterThanOrEqualTo(5);
            assertThat(paused.at("/groups/1/status").asText()).as("the second group never started")
                    .isNotEqualTo("RUNNING");

            Answer stopped = admin.post("/api/v1/flash-campaigns/" + campaignId + "/stop",
                    Map.of("reason", "too many rollbacks"));
            assertThat(stopped.status()).as(stopped.raw().body()).isBetween(200, 202);
            try {
                await("every vehicle of the stopped campaign with an outcome").atMost(FlashScenarios.SETTLE)
                        .pollInterval(Duration.ofSeconds(1)).until(() -> {
                            JsonNode view = campaign(campaignId);
                            return "STOPPED".equals(view.path("status").asText())
                                    && view.at("/totals/running").asInt() == 0
                                    && view.at("/totals/waiting").asInt() == 0;
                        });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the stopped campaign still has vehicles without an outcome: "
                        + campaign(campaignId), e);
            }
            JsonNode end = campaign(campaignId);
            JsonNode totals = end.get("totals");
            assertThat(totals.get("flashed").asInt() + totals.get("failed").asInt() + totals.get("cancelled").asInt()
                    + totals.get("expired").asInt()).as(totals.toString()).isEqualTo(VEHICLES);
            assertThat(totals.get("cancelled").asInt()).as("the groups never started").isGreaterThanOrEqualTo(150);
            await("no job of the campaign still running").atMost(FlashScenarios.SETTLE).until(() -> {
                int running = 0;
                for (String status : List.of("REQUESTED", "RUNNING", "ROLLING_BACK")) {
                    running += admin.get("/api/v1/flash-jobs?campaignId=" + campaignId + "&status=" + status)
                            .body().path("totalElements").asInt();
                }
                return running == 0;
            });
            assertThat(admin.delete("/api/v1/vehicles/simulate").status()).isEqualTo(204);
        }

        private JsonNode campaign(String campaignId) {
            return admin.get("/api/v1/flash-campaigns/" + campaignId).body();
        }
    }

    private static String rule(Answer answer) {
        assertThat(answer.status()).as(answer.raw().body()).isGreaterThanOrEqualTo(400);
        return answer.body().path("rule").asText();
    }

    private FlashScenarios.OwnDongle ownDongle(String name) {
        return FlashScenarios.ownDongle(admin, mqttPort, name);
    }

    private void awaitFlashable(String vehicleId) {
        FlashScenarios.awaitFlashable(admin, vehicleId);
    }

    private String startWhenReady(String vehicleId) {
        return FlashScenarios.startWhenReady(admin, vehicleId, firmwareId);
    }

    private JsonNode awaitEnd(String jobId) {
        return FlashScenarios.awaitEnd(admin, jobId);
    }

    private static int requested(JsonNode job, String step) {
        return FlashScenarios.requested(job, step);
    }

    private boolean released(String vehicleId) {
        return FlashScenarios.released(admin, vehicleId);
    }

    private String ecuVersion(String vehicleId) {
        return FlashScenarios.ecuVersion(admin, vehicleId);
    }
}
