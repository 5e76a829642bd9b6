package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.axle.launcher.e2e.AxleClient.Answer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The dongle simulator on the application as a separate JVM, then a kill -9: five simulated vehicles come online with
 * their latest values and raise a trouble code on demand; a dongle of the test's own publishes frames at QoS 1, the
 * process is killed right after the last PUBACK, and after a restart on the same data every acknowledged frame is in
 * the raw series exactly once.
 */
class VehicleSimulationKillEndToEndTest {

    private static final int FRAMES = 40;
    private static final Duration SETTLE = Duration.ofSeconds(40);

    private final Path dataDir = AxleProcess.tempDataDir("axle-vehicle-kill");
    private AxleProcess axle;

    @AfterEach
    void cleanUp() {
        if (axle != null) {
            axle.close();
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    @Test
    void simulatedDonglesComeOnlineAndEveryAcknowledgedFrameSurvivesAKillMinusNine() throws Exception {
        int mqttPort = AxleProcess.freePort();
        axle = AxleProcess.start(dataDir, AxleProcess.freePort(),
                Map.of("axle.mqtt.embedded.port", Integer.toString(mqttPort)));
        AxleClient admin = axle.admin();

        Answer simulated = admin.post("/api/v1/vehicles/simulate",
                Map.of("count", 5, "interval", "PT1S", "scenario", "drive"));
        assertThat(simulated.status()).as(simulated.raw().body()).isEqualTo(201);
        List<String> vehicleIds = new ArrayList<>();
        simulated.body().get("vehicleIds").forEach(id -> vehicleIds.add(id.asText()));
        assertThat(vehicleIds).hasSize(5).doesNotHaveDuplicates();
        for (String vehicleId : vehicleIds) {
            await("vehicle " + vehicleId + " online with latest values").atMost(SETTLE)
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        JsonNode vehicle = admin.get("/api/v1/vehicles/" + vehicleId).body();
                        return vehicle != null && vehicle.path("online").asBoolean()
                                && vehicle.at("/latest/rpm").isNumber() && vehicle.at("/latest/coolantC").isNumber()
                                && vehicle.at("/latest/odometerKm").isNumber()
                                && vehicle.path("dongleId").asText().startsWith("sim-");
                    });
        }
        String faulty = vehicleIds.get(0);
        assertThat(admin.post("/api/v1/vehicles/" + faulty + "/simulate/trouble-code", Map.of()).status())
                .isEqualTo(202);
        await("trouble code P0133 on " + faulty).atMost(SETTLE).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.get("/api/v1/vehicles/" + faulty).body().path("troubleCodes").findValuesAsText("code")
                        .contains("P0133"));
        assertThat(admin.get("/api/v1/vehicles/" + vehicleIds.get(1)).body().path("troubleCodes").size()).isZero();

        // a dongle of the test's own, on a vehicle the simulator does not drive
        String vin = "WVWZZZ1JZXW" + String.format(Locale.ROOT, "%06d", (int) (Math.random() * 1_000_000));
        Answer registered = admin.post("/api/v1/vehicles", Map.of("vin", vin, "plate", "KL-123-MN",
                "plateCountry", "FR"));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String vehicleId = registered.body().get("vehicleId").asText();
        String dongleId = "kill-dongle-" + UUID.randomUUID().toString().substring(0, 8);
        String key = admin.post("/api/v1/vehicles/" + vehicleId + "/dongle", Map.of("dongleId", dongleId)).body()
                .get("apiKey").asText();
        await("dongle " + dongleId + " paired in the read model").atMost(SETTLE).pollInterval(Duration.ofMillis(250))
                .until(() -> dongleId.equals(admin.get("/api/v1/vehicles/" + vehicleId).body().path("dongleId").asText()));
        Mqtt5BlockingClient dongle = MqttClient.builder().useMqttVersion5().identifier(dongleId)
                .serverHost("127.0.0.1").serverPort(mqttPort).buildBlocking();
        dongle.connectWith().simpleAuth().username(dongleId).password(key.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(FRAMES + 5);
        int acknowledged = 0;
        for (int i = 0; i < FRAMES; i++) {
            String frame = "{\"at\": \"" + first.plusSeconds(i) + "\", \"pids\": {\"0D\": \""
                    + String.format(Locale.ROOT, "%02X", 20 + i) + "\", \"0C\": \"1AF8\"}}";
            var result = dongle.publishWith().topic("axle/vehicles/" + vehicleId + "/obd").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(frame.getBytes(StandardCharsets.UTF_8)).send();
            boolean acked = result.getError().isEmpty() && result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1
                    && !qos1.getPubAck().getReasonCode().isError(); // NO_MATCHING_SUBSCRIBERS is a success too
            assertThat(acked).as("PUBACK of frame %d: %s", i, result).isTrue();
            acknowledged++;
        }
        axle.kill();

        axle.start();
        AxleClient restarted = axle.admin();
        String series = "/api/v1/vehicles/" + vehicleId + "/telemetry?measure=speedKmh&resolution=raw&from="
                + first + "&to=" + first.plusSeconds(FRAMES);
        int expected = acknowledged;
        await("all " + expected + " acknowledged frames in the raw series after the restart").atMost(SETTLE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> restarted.get(series).body().path("points").size() >= expected);
        JsonNode points = restarted.get(series).body().path("points");
        assertThat(points.size()).as("each acknowledged frame exactly once").isEqualTo(expected);
        for (int i = 0; i < expected; i++) {
            assertThat(Instant.parse(points.get(i).get("at").asText())).isEqualTo(first.plusSeconds(i));
            assertThat(points.get(i).get("avg").asDouble()).isEqualTo(20 + i);
            assertThat(points.get(i).get("count").asInt()).isEqualTo(1);
        }

        // the simulated dongles died with the process; stopping them all answers 204 all the same
        HttpResponse<String> stopped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(restarted.baseUrl() + "/api/v1/vehicles/simulate"))
                .header("Authorization", "Bearer " + restarted.token()).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stopped.statusCode()).isEqualTo(204);
        await("simulated vehicles offline after the restart").atMost(SETTLE).pollInterval(Duration.ofMillis(250))
                .until(() -> !restarted.get("/api/v1/vehicles/" + faulty).body().path("online").asBoolean());
    }
}
