package io.axle.launcher.e2e;

import static io.axle.launcher.e2e.FulfilmentScenarios.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import io.axle.launcher.e2e.AxleClient.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.util.FileSystemUtils;

/**
 * Simulation runs and sensor telemetry end to end on the one-process defaults: the run cap under concurrency, runs
 * ending by themselves, readings over HTTP, over the in-process MQTT broker and over the machine's Mosquitto, through
 * Kafka into the read models, the simulator, and the metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulationRunEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String MOSQUITTO_HOST = "127.0.0.1";
    private static final int MOSQUITTO_PORT = 1883;
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private Path dataDir;
    private RunningAxle axle;
    private AxleClient admin;
    private AxleClient device;
    private String rigKey;
    private int mqttPort;

    @BeforeAll
    void boot() throws Exception {
        dataDir = Files.createTempDirectory("axle-runs-e2e");
        mqttPort = AxleProcess.freePort();
        String testRun = UUID.randomUUID().toString();
        axle = RunningAxle.start(dataDir, Map.of(
                "axle.mqtt.embedded.port", Integer.toString(mqttPort),
                "axle.kafka.embedded.port", "0",
                "axle.mqtt.external.uri", "tcp://" + MOSQUITTO_HOST + ":" + MOSQUITTO_PORT,
                "axle.mqtt.external.client-id", "axle-e2e-" + testRun,
                "axle.mqtt.external.share-group", "axle-e2e-" + testRun,
                "axle.mqtt.external.session-expiry", "120s"));
        admin = axle.admin();
        // a test rig sends for many sensors: an operator key (a device key speaks for its one device only)
        Answer key = admin.post("/api/v1/api-keys", Map.of("name", "rig-1", "role", "OPERATOR"));
        assertThat(key.status()).isEqualTo(201);
        rigKey = key.body().get("key").asText();
        device = axle.anonymous();
    }

    @AfterAll
    void shutDown() {
        if (axle != null) {
            axle.close();
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    @Test
    @Order(1)
    void fiftyConcurrentStartsLeaveExactlyFiveRunningAndInterruptAllStopsThem() throws Exception {
        List<Answer> answers = Concurrently.race(50, i ->
                admin.post("/api/runs/start", Map.of("duration", 600, "interval", 1, "params", Map.of())));
        List<String> started = new ArrayList<>();
        int refused = 0;
        for (Answer answer : answers) {
            if (answer.status() == 201) {
                assertThat(answer.body().get("status").asText()).isEqualTo("RUNNING");
                assertThat(answer.body().get("username").asText()).isEqualTo("admin");
                String id = answer.body().get("id").asText();
                assertThat(answer.body().get("grafanaUrl").asText()).endsWith("/#/runs/" + id);
                started.add(id);
            } else {
                assertThat(answer.status()).as(answer.raw().body()).isEqualTo(409);
                assertThat(answer.body().get("rule").asText()).isEqualTo("max-running-runs");
                assertThat(answer.body().get("detail").asText()).contains("5");
                refused++;
            }
        }
        assertThat(started).hasSize(5);
        assertThat(refused).isEqualTo(45);

        await(() -> admin.get("/api/runs/running").body().size() == 5, "five runs listed as running");
        JsonNode canStart = admin.get("/api/runs/can-start").body();
        assertThat(canStart.get("canStart").asBoolean()).isFalse();
        assertThat(canStart.get("running").asInt()).isEqualTo(5);
        assertThat(canStart.get("limit").asInt()).isEqualTo(5);
        Answer sixth = admin.post("/api/runs/start", Map.of("duration", 60, "interval", 1));
        assertThat(sixth.status()).isEqualTo(409);
        started.forEach(id -> assertThat(sixth.body().get("detail").asText()).contains(id));

        Answer interrupted = admin.post("/api/runs/interrupt-all", Map.of());
        assertThat(interrupted.status()).isEqualTo(200);
        assertThat(interrupted.body().get("interrupted").asInt()).isEqualTo(5);
        for (String id : started) {
            await(() -> "INTERRUPTED".equals(admin.get("/api/runs/" + id).body().get("status").asText()),
                    "run " + id + " interrupted");
        }
        await(() -> admin.get("/api/runs/can-start").body().get("canStart").asBoolean(), "slots free again");
        await(() -> admin.post("/api/runs/start", Map.of("duration", 1, "interval", 1)).status() == 201,
                "a start accepted once the slots are released");
    }

    @Test
    @Order(2)
    void aRunCompletesByItselfWhenItsDurationIsOver() {
        String runId = start(2, 1, Map.of());
        await(() -> "COMPLETED".equals(admin.get("/api/runs/" + runId).body().get("status").asText()),
                "run completed after its 2 s");
        JsonNode run = admin.get("/api/runs/" + runId).body();
        assertThat(run.get("finishedAt").isNull()).isFalse();
        assertThat(StreamSupport.stream(admin.get("/api/runs/all").body().spliterator(), false)
                .map(node -> node.get("id").asText())).contains(runId);
        assertThat(admin.get("/api/runs?page=0&size=2").body().get("content").size()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void readingsOverHttpAreStoredAndBadOnesRefusedWithTheirRule() {
        String runId = start(600, 1, Map.of());
        for (double temperature : new double[] {19.5, 21.0, 22.5}) {
            Answer posted = postReading(Map.of("runId", runId, "sensorId", "s-1", "temperature", temperature,
                    "humidity", 40.0));
            assertThat(posted.status()).as(posted.raw().body()).isEqualTo(201);
        }
        assertRefused(postReading(Map.of("runId", "no-such-run", "sensorId", "s-1", "temperature", 20.0)), 422, "runId", "run-unknown");
        assertRefused(postReading(Map.of("runId", runId, "sensorId", "s-1", "temperature", 500.0)), 400, "temperature", "range");
        assertRefused(postReading(Map.of("runId", runId, "sensorId", "s-1", "temperature", 20.0, "humidity", 120.0)), 400, "humidity", "range");
        assertRefused(postReading(Map.of("runId", runId, "sensorId", "bad sensor!", "temperature", 20.0)), 400, "sensorId", "pattern");
        assertThat(device.post("/api/sensors/data", "{\"runId\": ", Map.of("X-API-Key", rigKey)).status()).isEqualTo(400);
        assertThat(axle.anonymous().post("/api/sensors/data", Map.of("runId", runId, "sensorId", "s-1", "temperature", 20.0)).status())
                .isEqualTo(401);

        await(() -> admin.get("/api/sensors/data?runId=" + runId).body().get("content").size() == 3, "three readings stored");
        // the statistics are a read model of their own, written after the raw readings
        await(() -> admin.get("/api/runs/" + runId + "/stats").body().at("/overall/count").asLong() == 3,
                "three readings counted in the run's statistics");
        JsonNode stats = admin.get("/api/runs/" + runId + "/stats").body();
        assertThat(stats.at("/overall/temperature/min").asDouble()).isEqualTo(19.5);
        assertThat(stats.at("/overall/temperature/max").asDouble()).isEqualTo(22.5);
        assertThat(stats.at("/overall/temperature/average").asDouble()).isEqualTo(21.0);
        assertThat(stats.get("series").size()).isGreaterThanOrEqualTo(1);

        assertThat(admin.post("/api/runs/" + runId + "/finish", Map.of()).status()).isEqualTo(200);
        assertRefused(postReading(Map.of("runId", runId, "sensorId", "s-1", "temperature", 20.0)), 409, "runId",
                "run-not-running");
        storedReadingsStay(runId, 3);
    }

    @Test
    @Order(4)
    void mqttThroughTheInProcessBrokerNeedsAKeyAndStoresOnlyValidReadings() {
        String runId = start(600, 1, Map.of());
        Mqtt5BlockingClient intruder = mqtt("127.0.0.1", mqttPort, "intruder-" + UUID.randomUUID());
        assertThatThrownBy(() -> intruder.connectWith().simpleAuth().username("rig-1")
                .password("not-a-key".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send())
                .hasMessageContaining("BAD_USER_NAME_OR_PASSWORD");

        Mqtt5BlockingClient rig = mqtt("127.0.0.1", mqttPort, "rig-1-" + UUID.randomUUID());
        rig.connectWith().simpleAuth().username("rig-1").password(rigKey.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        try {
            String topic = "axle/runs/" + runId + "/sensors/m-1";
            publish(rig, topic, Map.of("temperature", 18.0, "pressure", 1013.0));
            publish(rig, topic, Map.of("temperature", 19.0, "pressure", 1012.0));
            try {
                publish(rig, topic, Map.of("temperature", 19.0, "pressure", 5000.0));
            } catch (RuntimeException refusedWithAReasonCode) {
                // MQTT 5 carries the refusal in the PUBACK; it must not be stored either way
            }
            publish(rig, "axle/runs/" + runId + "/sensors/m-2", Map.of("temperature", 25.0));
        } finally {
            rig.disconnect();
        }
        storedReadingsStay(runId, 3);
        assertThat(admin.get("/api/sensors/data?runId=" + runId + "&sensorId=m-1").body().get("content").size()).isEqualTo(2);
        JsonNode stats = admin.get("/api/runs/" + runId + "/stats").body();
        assertThat(stats.at("/overall/pressure/max").asDouble()).isEqualTo(1013.0);
        assertThat(stats.get("sensors").size()).isEqualTo(2);
        awaitMetric("sensor_data_rejected_total", "rule=\"range\"", "transport=\"mqtt\"");
        admin.post("/api/runs/" + runId + "/finish", Map.of());
    }

    @Test
    @Order(5)
    void mqttThroughTheMachinesMosquittoReachesTheReadModel() {
        String runId = start(600, 1, Map.of());
        Mqtt5BlockingClient rig = mqtt(MOSQUITTO_HOST, MOSQUITTO_PORT, "mosquitto-rig-" + UUID.randomUUID());
        rig.connect();
        try {
            publish(rig, "axle/runs/" + runId + "/sensors/q-1", Map.of("temperature", 30.5, "humidity", 55.0));
            publish(rig, "axle/runs/" + runId + "/sensors/q-1", Map.of("temperature", 999.0));
        } finally {
            rig.disconnect();
        }
        storedReadingsStay(runId, 1);
        JsonNode stored = admin.get("/api/sensors/data?runId=" + runId).body().get("content");
        assertThat(stored.size()).isEqualTo(1);
        assertThat(stored.get(0).get("temperature").asDouble()).isEqualTo(30.5);
        admin.post("/api/runs/" + runId + "/finish", Map.of());
    }

    @Test
    @Order(6)
    void acceptedReadingsTravelOverKafkaKeyedByRun() throws Exception {
        String runId = start(600, 1, Map.of());
        Answer posted = postReading(Map.of("runId", runId, "sensorId", "k-1", "temperature", 12.25));
        assertThat(posted.status()).isEqualTo(201);
        String readingId = posted.body().get("id").asText();

        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", axle.bean(KafkaConnectionDetails.class).getBootstrapServers()));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("axle.sensor-readings"));
            ConsumerRecord<String, String>[] found = new ConsumerRecord[1];
            await(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value().contains(readingId)) {
                        found[0] = record;
                    }
                }
                return found[0] != null;
            }, "the reading on the Kafka topic");
            assertThat(found[0].key()).isEqualTo(runId);
            JsonNode value = JSON.readTree(found[0].value());
            assertThat(value.get("readingId").asText()).isEqualTo(readingId);
            assertThat(value.get("sensorId").asText()).isEqualTo("k-1");
            assertThat(value.get("temperature").asDouble()).isEqualTo(12.25);
        }
        admin.post("/api/runs/" + runId + "/finish", Map.of());
    }

    @Test
    @Order(7)
    void theSimulatorPublishesForARunStartedWithSimulateUntilItEnds() {
        String runId = start(8, 1, Map.of("simulate", true, "sensors", 3));
        await(() -> {
            Set<String> sensors = new HashSet<>();
            admin.get("/api/sensors/data?runId=" + runId + "&size=200").body().get("content")
                    .forEach(reading -> sensors.add(reading.get("sensorId").asText()));
            return sensors.size() == 3;
        }, "readings from three simulated sensors");
        String ofTheRun = "runId=\"" + runId + "\"";
        awaitMetric("run_started_total");
        awaitMetric("sensor_data_ingested_total", "transport=\"mqtt\"");
        awaitMetric("temperature_avg", ofTheRun);

        await(() -> "COMPLETED".equals(admin.get("/api/runs/" + runId).body().get("status").asText()), "simulated run completed");
        Awaitility.await("the run's temperature gauge removed once it ended").atMost(SETTLE)
                .untilAsserted(() -> assertThat(metricLines("temperature_avg", ofTheRun)).isEmpty());
        Awaitility.await("a completed run counted").atMost(SETTLE).untilAsserted(() ->
                assertThat(metricLines("run_completed_total", "status=\"COMPLETED\""))
                        .anySatisfy(line -> assertThat(line).containsPattern("} [1-9]")));
    }

    @Test
    @Order(8)
    void aStartedRunIsListedAsSoonAsTheStartAnswersAndAFinishedOneNoLonger() {
        for (int i = 0; i < 20; i++) {
            await(() -> admin.get("/api/runs/can-start").body().get("canStart").asBoolean(), "a free slot");
            int runningBefore = runningIds().size();
            String runId = start(600, 1, Map.of());
            assertThat(runningIds()).as("running right after start %d", i).contains(runId);
            JsonNode canStart = admin.get("/api/runs/can-start").body();
            assertThat(canStart.get("running").asInt()).as("can-start right after start %d: %s", i, canStart)
                    .isEqualTo(runningBefore + 1);
            assertThat(canStart.get("held").asInt()).as("can-start right after start %d: %s", i, canStart)
                    .isGreaterThan(runningBefore);
            assertThat(admin.post("/api/runs/" + runId + "/finish", Map.of()).status()).isEqualTo(200);
            assertThat(runningIds()).as("running right after finish %d", i).doesNotContain(runId);
        }
    }

    @Test
    @Order(9)
    void interruptedRunsAreNoLongerListedAsSoonAsInterruptAllAnswers() {
        for (int i = 0; i < 5; i++) {
            assertThat(admin.post("/api/runs/interrupt-all", Map.of()).status()).isEqualTo(200);
            await(() -> admin.get("/api/runs/can-start").body().get("held").asInt() == 0, "every slot free");
            List<String> started = List.of(start(600, 1, Map.of()), start(600, 1, Map.of()), start(600, 1, Map.of()));
            assertThat(runningIds()).as("running right after three starts").containsExactlyInAnyOrderElementsOf(started);
            assertThat(admin.get("/api/runs/can-start").body().get("held").asInt()).isEqualTo(3);
            Answer interrupted = admin.post("/api/runs/interrupt-all", Map.of());
            assertThat(interrupted.status()).isEqualTo(200);
            assertThat(runningIds()).as("running right after interrupt-all %d", i).isEmpty();
        }
    }

    @Test
    @Order(10)
    void readingsForAFinishedRunAreRefusedAsSoonAsTheFinishAnswers() {
        Mqtt5BlockingClient rig = mqtt("127.0.0.1", mqttPort, "rig-1-" + UUID.randomUUID());
        rig.connectWith().simpleAuth().username("rig-1").password(rigKey.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        List<String> runIds = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                await(() -> admin.get("/api/runs/can-start").body().get("canStart").asBoolean(), "a free slot");
                String runId = start(600, 1, Map.of());
                runIds.add(runId);
                assertThat(postReading(Map.of("runId", runId, "sensorId", "f-1", "temperature", 20.0)).status())
                        .isEqualTo(201);
                assertThat(admin.post("/api/runs/" + runId + "/finish", Map.of()).status()).isEqualTo(200);
                assertRefused(postReading(Map.of("runId", runId, "sensorId", "f-1", "temperature", 21.0)), 409,
                        "runId", "run-not-running");
                assertThatThrownBy(() -> publish(rig, "axle/runs/" + runId + "/sensors/f-2",
                        Map.of("temperature", 22.0)))
                        .as("MQTT reading right after finish %d", i)
                        .isInstanceOfSatisfying(Mqtt5PubAckException.class, refused -> assertThat(
                                refused.getMqttMessage().getReasonString().map(Object::toString).orElse(""))
                                .contains("run-not-running"));
            }
        } finally {
            rig.disconnect();
        }
        runIds.forEach(runId -> storedReadingsStay(runId, 1));
    }

    private String start(int duration, int interval, Map<String, Object> params) {
        Answer started = admin.post("/api/runs/start", Map.of("duration", duration, "interval", interval, "params", params));
        assertThat(started.status()).as(started.raw().body()).isEqualTo(201);
        return started.body().get("id").asText();
    }

    private List<String> runningIds() {
        List<String> ids = new ArrayList<>();
        admin.get("/api/runs/running").body().forEach(run -> ids.add(run.get("id").asText()));
        return ids;
    }

    /** Waits until the run has exactly {@code expected} readings stored, then checks that no more arrive. */
    private void storedReadingsStay(String runId, int expected) {
        await(() -> storedReadings(runId) == expected, expected + " readings of run " + runId + " stored");
        Awaitility.await("no further reading of run " + runId + " stored").during(Duration.ofMillis(500))
                .atMost(SETTLE).until(() -> storedReadings(runId), count -> count == expected);
    }

    private int storedReadings(String runId) {
        return admin.get("/api/sensors/data?runId=" + runId).body().get("totalElements").asInt();
    }

    /** Waits until the scrape has a line of the metric carrying every given label; a failure shows only its lines. */
    private void awaitMetric(String metric, String... labels) {
        Awaitility.await(metric + " " + String.join(", ", labels)).atMost(SETTLE)
                .untilAsserted(() -> assertThat(metricLines(metric, labels)).as("the %s lines", metric).isNotEmpty());
    }

    /** The scrape's sample lines of the metric that carry every given label (never the whole scrape). */
    private List<String> metricLines(String metric, String... labels) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(metric) + "[{ ]");
        return admin.getText("/actuator/prometheus").raw().body().lines()
                .filter(line -> sample.matcher(line).find())
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .toList();
    }

    private Answer postReading(Map<String, Object> reading) {
        return device.post("/api/sensors/data", reading, Map.of("X-API-Key", rigKey));
    }

    private static void assertRefused(Answer answer, int status, String field, String rule) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.contentType()).contains("application/problem+json");
        assertThat(answer.body().get("field").asText()).isEqualTo(field);
        assertThat(answer.body().get("rule").asText()).isEqualTo(rule);
    }

    private static Mqtt5BlockingClient mqtt(String host, int port, String clientId) {
        return MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost(host).serverPort(port).buildBlocking();
    }

    private static void publish(Mqtt5BlockingClient client, String topic, Map<String, Object> payload) {
        try {
            client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(JSON.writeValueAsBytes(payload)).send();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
