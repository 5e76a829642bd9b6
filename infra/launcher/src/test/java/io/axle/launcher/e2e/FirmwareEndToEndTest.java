package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.AxleClient.Download;
import io.axle.launcher.e2e.AxleClient.Part;
import io.axle.launcher.e2e.SpecCoverage.Endpoint;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The firmware catalogue on the booted application: an image larger than the document limit is released and a
 * dongle downloads it byte for byte with its hash as ETag, a version is released once, a withdrawal is 200 twice, and
 * what is not a release is refused with its problem, up to the container's 413 past the image limit (which this test
 * sets to 256 KB, documents to 128 KB).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirmwareEndToEndTest {

    /** One ECU per run, so that its versions are this test's alone. */
    private static final String ECU = "ecm-" + UUID.randomUUID().toString().substring(0, 8);

    /** The application's data folder, removed by JUnit after the last test. */
    @TempDir
    static Path dataDir;
    private RunningAxle axle;
    private AxleClient admin;

    @BeforeAll
    void boot() {
        axle = RunningAxle.start(dataDir, Map.of("axle.firmware.max-image-size", "256KB",
                "axle.documents.max-size", "128KB"));
        admin = axle.admin();
    }

    @AfterAll
    void shutDown() {
        if (axle != null) {
            axle.close();
        }
    }

    private Answer release(String version, byte[] image, String... fields) {
        List<Part> parts = new ArrayList<>();
        if (image != null) {
            parts.add(Part.file("image", "ecm-" + version + ".bin", "application/octet-stream", image));
        }
        parts.add(Part.field("ecu", ECU));
        if (version != null) {
            parts.add(Part.field("version", version));
        }
        for (int i = 0; i + 1 < fields.length; i += 2) {
            parts.add(Part.field(fields[i], fields[i + 1]));
        }
        return admin.postMultipart("/api/v1/firmware", parts);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
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

        Answer key = admin.post("/api/v1/api-keys", Map.of("name", "dongle-" + ECU, "role", "device",
                "deviceId", "dongle-" + ECU));
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

    private static void assertRefused(Answer answer, int status, String field, String rule) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("field").asText()).isEqualTo(field);
        assertThat(answer.body().get("rule").asText()).isEqualTo(rule);
    }
}
