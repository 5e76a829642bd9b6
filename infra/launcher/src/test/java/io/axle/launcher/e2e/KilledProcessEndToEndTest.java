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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Nothing acknowledged is lost when the process is killed. The application runs as a separate JVM and acknowledges,
 * all at once: a burst of orders, sensor readings over HTTP and MQTT, and OBD-II frames from a dongle of the test's
 * own, while five simulated dongles drive (online with their latest values, one raising a trouble code on demand). It
 * is killed with SIGKILL as soon as the first invoice is out, while the others are being numbered and rendered. After
 * a restart on the same data: every acknowledged order exists, is fulfilled and invoiced once (numbers 1 to 20, no
 * gap) and a retry with its idempotency key answers the same order; every acknowledged reading is in the read model
 * and every acknowledged frame in the raw series, each counted once; the simulated dongles died with the process;
 * and an ECU flash whose dongle (the test's own, outside the process) was in the middle of its transfer ends completed
 * or rolled back, its ECU erased once.
 *
 * <p>One process killed once serves every kind of acknowledgement: each boot of a separate JVM costs the suite half a
 * minute. The kill in the middle of a document's OCR is in {@code DocumentPipelineEndToEndTest}.
 */
class KilledProcessEndToEndTest {

    private static final int ORDERS = 20;
    private static final int READINGS_EACH_WAY = 50;
    private static final int FRAMES = 40;
    private static final int SIMULATED = 5;
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final Path dataDir = AxleProcess.tempDataDir("axle-kill");
    private AxleProcess axle;

    @AfterEach
    void cleanUp() {
        if (axle != null) {
            axle.close();
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    @Test
    void everythingAcknowledgedSurvivesAKillMinusNine() throws Exception {
        int mqttPort = AxleProcess.freePort();
        axle = AxleProcess.start(dataDir, AxleProcess.freePort(),
                Map.of("axle.mqtt.embedded.port", Integer.toString(mqttPort),
                        // a transfer gone quiet (the kill interrupts one) is sent again after this long
                        "axle.flash.timeouts.TRANSFER", "40s"));
        AxleClient admin = axle.admin();
        FlashScenarios.OwnDongle flashed = FlashScenarios.ownDongle(admin, mqttPort, "kill");
        String firmwareId = FlashScenarios.release(admin, "1.1.0", "[1.0.0,1.1.0)");

        String runId = sendReadings(admin, mqttPort);
        List<String> simulated = simulateDongles(admin);
        Frames frames = publishFrames(admin, mqttPort);
        Orders orders = placeOrders(admin); // so that invoicing is under way at the kill
        FlashInTransfer flash = flashCaughtInTransfer(admin, flashed, firmwareId);

        FulfilmentScenarios.await(() -> issued(admin, orders.customerId()) >= 1, "the first invoice issued");
        int issuedBeforeTheKill = issued(admin, orders.customerId());
        axle.kill();

        axle.start();
        AxleClient restarted = axle.admin();
        ordersSurvived(restarted, orders, issuedBeforeTheKill);
        readingsSurvived(restarted, runId);
        framesSurvived(restarted, frames);
        simulatedDonglesDiedWithTheProcess(restarted, simulated);
        flashResumed(restarted, flash);
    }

    /** A flash whose dongle (the test's own) holds its transfer after the first block; the kill comes meanwhile. */
    private record FlashInTransfer(FlashScenarios.OwnDongle vehicle, String jobId, CountDownLatch gate) {
    }

    private static FlashInTransfer flashCaughtInTransfer(AxleClient admin, FlashScenarios.OwnDongle vehicle,
                                                         String firmwareId) {
        CountDownLatch gate = new CountDownLatch(1);
        vehicle.dongle().transferGate = gate;
        String jobId = FlashScenarios.startWhenReady(admin, vehicle.vehicleId(), firmwareId);
        FulfilmentScenarios.await(() -> admin.get("/api/v1/flash-jobs/" + jobId).body().path("progressPct").asInt() > 0,
                "the flash's transfer under way");
        return new FlashInTransfer(vehicle, jobId, gate);
    }

    /** After the restart the transfer resumes: the job completes (or rolls back), never stuck, erased once. */
    private static void flashResumed(AxleClient restarted, FlashInTransfer flash) {
        try (FlashScenarios.OwnDongle vehicle = flash.vehicle()) {
            flash.gate().countDown();
            JsonNode job = FlashScenarios.awaitEnd(restarted, flash.jobId());
            assertThat(job.get("status").asText()).as(job.toString()).isIn("COMPLETED", "ROLLED_BACK");
            assertThat(vehicle.dongle().erases(flash.jobId())).isEqualTo(1);
            assertThat(FlashScenarios.requested(job, "ERASE")).isEqualTo(1);
        }
    }

    /** The acknowledged orders of one customer, by the idempotency key they were placed with, and their bodies. */
    private record Orders(String customerId, String sku, Map<String, String> byKey, List<Map<String, Object>> bodies) {
    }

    private static Orders placeOrders(AxleClient admin) {
        String sku = "KILL-" + UUID.randomUUID().toString().substring(0, 8);
        Catalogue.add(admin, sku);
        assertThat(admin.post("/api/v1/stock/" + sku + "/receipts", Map.of("quantity", 100)).status()).isEqualTo(202);
        String customerId = admin.post("/api/v1/customers", Map.of("name", "Kill Test", "email", "k@example.com",
                "country", "FR", "currency", "EUR", "creditLimit", 100000)).body().get("id").asText();
        FulfilmentScenarios.await(() -> admin.get("/api/v1/customers/" + customerId).status() == 200, "customer readable");
        Map<String, String> byKey = new LinkedHashMap<>();
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            String key = "kill-" + i + "-" + UUID.randomUUID();
            Map<String, Object> body = FulfilmentScenarios.order(customerId, Map.of(sku, 1), "5.00");
            Answer placed = admin.post("/api/v1/orders", body, Map.of("Idempotency-Key", key));
            assertThat(placed.status()).isEqualTo(202);
            byKey.put(key, placed.body().get("orderId").asText());
            bodies.add(body);
        }
        return new Orders(customerId, sku, byKey, bodies);
    }

    private static int issued(AxleClient client, String customerId) {
        return client.get("/api/v1/invoices?customerId=" + customerId + "&status=ISSUED&size=100").body()
                .get("totalElements").asInt();
    }

    /** Readings of a run from a device over HTTP and another over MQTT at QoS 1, each acknowledged; the run's id. */
    private static String sendReadings(AxleClient admin, int mqttPort) {
        String httpKey = admin.post("/api/v1/api-keys", Map.of("name", "kill-http-1", "role", "DEVICE",
                "deviceId", "http-1")).body().get("key").asText();
        String mqttKey = admin.post("/api/v1/api-keys", Map.of("name", "kill-mqtt-1", "role", "DEVICE",
                "deviceId", "mqtt-1")).body().get("key").asText();
        Answer started = admin.post("/api/runs/start", Map.of("duration", 3600, "interval", 1));
        assertThat(started.status()).isEqualTo(201);
        String runId = started.body().get("id").asText();

        AxleClient device = new AxleClient(admin.baseUrl());
        for (int i = 0; i < READINGS_EACH_WAY; i++) {
            Answer posted = device.post("/api/sensors/data", Map.of("runId", runId, "sensorId", "http-1",
                    "temperature", 20.0 + i / 10.0), Map.of("X-API-Key", httpKey));
            assertThat(posted.status()).isEqualTo(201);
        }
        Mqtt5BlockingClient rig = MqttClient.builder().useMqttVersion5().identifier("kill-rig-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(mqttPort).buildBlocking();
        rig.connectWith().simpleAuth().username("kill-mqtt-1").password(mqttKey.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        for (int i = 0; i < READINGS_EACH_WAY; i++) {
            Mqtt5PublishResult result = rig.publishWith().topic("axle/runs/" + runId + "/sensors/mqtt-1")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"temperature\": " + (10.0 + i / 10.0) + "}").getBytes(StandardCharsets.UTF_8)).send();
            assertThat(acknowledged(result)).as("PUBACK of reading %d: %s", i, result).isTrue();
        }
        return runId;
    }

    /** Simulated dongles online with their latest values, the first raising a trouble code on demand; their vehicles. */
    private static List<String> simulateDongles(AxleClient admin) {
        Answer simulated = admin.post("/api/v1/vehicles/simulate",
                Map.of("count", SIMULATED, "interval", "PT1S", "scenario", "drive"));
        assertThat(simulated.status()).as(simulated.raw().body()).isEqualTo(201);
        List<String> vehicleIds = new ArrayList<>();
        simulated.body().get("vehicleIds").forEach(id -> vehicleIds.add(id.asText()));
        assertThat(vehicleIds).hasSize(SIMULATED).doesNotHaveDuplicates();
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
        return vehicleIds;
    }

    /** The vehicle of the test's own dongle and the time of its first frame, one a second after it. */
    private record Frames(String vehicleId, Instant first, int acknowledged) {
    }

    /** A dongle of the test's own, on a vehicle the simulator does not drive, publishes frames at QoS 1. */
    private static Frames publishFrames(AxleClient admin, int mqttPort) {
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
        for (int i = 0; i < FRAMES; i++) {
            String frame = "{\"at\": \"" + first.plusSeconds(i) + "\", \"pids\": {\"0D\": \""
                    + String.format(Locale.ROOT, "%02X", 20 + i) + "\", \"0C\": \"1AF8\"}}";
            Mqtt5PublishResult result = dongle.publishWith().topic("axle/vehicles/" + vehicleId + "/obd")
                    .qos(MqttQos.AT_LEAST_ONCE).payload(frame.getBytes(StandardCharsets.UTF_8)).send();
            assertThat(acknowledged(result)).as("PUBACK of frame %d: %s", i, result).isTrue();
        }
        return new Frames(vehicleId, first, FRAMES);
    }

    /** A QoS 1 publish the broker took: no error and a PUBACK that is not one (no matching subscribers is a success). */
    private static boolean acknowledged(Mqtt5PublishResult result) {
        return result.getError().isEmpty() && result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1
                && !qos1.getPubAck().getReasonCode().isError();
    }

    private static void ordersSurvived(AxleClient restarted, Orders orders, int issuedBeforeTheKill) {
        int i = 0;
        for (Map.Entry<String, String> acknowledged : orders.byKey().entrySet()) {
            Answer retried = restarted.post("/api/v1/orders", orders.bodies().get(i++),
                    Map.of("Idempotency-Key", acknowledged.getKey()));
            assertThat(retried.status()).isEqualTo(202);
            assertThat(retried.body().get("orderId").asText()).isEqualTo(acknowledged.getValue());
        }
        for (String orderId : orders.byKey().values()) {
            FulfilmentScenarios.await(() -> {
                Answer answer = restarted.get("/api/v1/orders/" + orderId);
                return answer.status() == 200 && "CONFIRMED".equals(answer.body().get("status").asText());
            }, "order " + orderId + " confirmed after the restart");
        }
        FulfilmentScenarios.await(() -> {
            JsonNode level = restarted.get("/api/v1/stock/" + orders.sku()).body();
            return level.get("reserved").asInt() == ORDERS && level.get("available").asInt() == 100 - ORDERS;
        }, "stock of " + orders.sku() + " to show exactly the " + ORDERS + " acknowledged orders reserved");
        assertThat(restarted.get("/api/v1/orders?customerId=" + orders.customerId() + "&size=100").body()
                .get("totalElements").asInt()).isEqualTo(ORDERS);

        // Invoicing was under way when the process died: every confirmed order is invoiced once, numbers without a gap.
        assertThat(issuedBeforeTheKill).as("invoices issued before the kill").isBetween(1, ORDERS);
        FulfilmentScenarios.await(() -> issued(restarted, orders.customerId()) == ORDERS,
                "the " + ORDERS + " confirmed orders invoiced after the restart");
        JsonNode invoices = restarted.get("/api/v1/invoices?customerId=" + orders.customerId() + "&size=100").body()
                .get("content");
        Set<String> numbers = new TreeSet<>();
        Set<String> invoicedOrders = new HashSet<>();
        invoices.forEach(invoice -> {
            numbers.add(invoice.get("number").asText());
            invoicedOrders.add(invoice.get("orderId").asText());
        });
        assertThat(invoicedOrders).containsExactlyInAnyOrderElementsOf(orders.byKey().values());
        String year = numbers.iterator().next().substring(4, 8);
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= ORDERS; n++) {
            expected.add(String.format("INV-%s-%06d", year, n));
        }
        assertThat(numbers).containsExactlyElementsOf(expected);
    }

    private static void readingsSurvived(AxleClient restarted, String runId) {
        int all = 2 * READINGS_EACH_WAY;
        FulfilmentScenarios.await(() -> restarted.get("/api/sensors/data?runId=" + runId + "&size=200").body()
                .get("content").size() == all, "all " + all + " acknowledged readings in the read model after the restart");
        FulfilmentScenarios.await(() -> restarted.get("/api/runs/" + runId + "/stats").body().at("/overall/count")
                .asLong() == all, "statistics counting each acknowledged reading once");
    }

    private static void framesSurvived(AxleClient restarted, Frames frames) {
        String series = "/api/v1/vehicles/" + frames.vehicleId() + "/telemetry?measure=speedKmh&resolution=raw&from="
                + frames.first() + "&to=" + frames.first().plusSeconds(FRAMES);
        await("all " + frames.acknowledged() + " acknowledged frames in the raw series after the restart")
                .atMost(SETTLE).pollInterval(Duration.ofMillis(250))
                .until(() -> restarted.get(series).body().path("points").size() >= frames.acknowledged());
        JsonNode points = restarted.get(series).body().path("points");
        assertThat(points.size()).as("each acknowledged frame exactly once").isEqualTo(frames.acknowledged());
        for (int i = 0; i < frames.acknowledged(); i++) {
            assertThat(Instant.parse(points.get(i).get("at").asText())).isEqualTo(frames.first().plusSeconds(i));
            assertThat(points.get(i).get("avg").asDouble()).isEqualTo(20 + i);
            assertThat(points.get(i).get("count").asInt()).isEqualTo(1);
        }
    }

    /** The simulated dongles died with the process: stopping them all answers 204 all the same, and they go offline. */
    private static void simulatedDonglesDiedWithTheProcess(AxleClient restarted, List<String> simulated) throws Exception {
        HttpResponse<String> stopped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(restarted.baseUrl() + "/api/v1/vehicles/simulate"))
                .header("Authorization", "Bearer " + restarted.token()).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stopped.statusCode()).isEqualTo(204);
        for (String vehicleId : simulated) {
            await("simulated vehicle " + vehicleId + " offline after the restart").atMost(SETTLE)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> !restarted.get("/api/v1/vehicles/" + vehicleId).body().path("online").asBoolean());
        }
    }
}
