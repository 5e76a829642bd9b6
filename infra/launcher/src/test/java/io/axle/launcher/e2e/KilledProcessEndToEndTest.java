package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.AxleClient.Answer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Nothing acknowledged is lost when the process is killed: the application runs as a separate JVM, acknowledges a
 * burst of orders (or sensor readings over HTTP and MQTT), is killed with SIGKILL right after the last answer, and after
 * a restart on the same data every acknowledged order exists, is fulfilled and invoiced once (numbers 1 to 20, no gap),
 * and a retry with its idempotency key answers the same order; every acknowledged reading is in the read model,
 * counted once.
 */
class KilledProcessEndToEndTest {

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
    void everyAcknowledgedOrderSurvivesAKillMinusNine() throws Exception {
        axle = AxleProcess.start(dataDir, AxleProcess.freePort(), Map.of());
        AxleClient admin = axle.admin();

        String sku = "KILL-" + UUID.randomUUID().toString().substring(0, 8);
        Catalogue.add(admin, sku);
        assertThat(admin.post("/api/v1/stock/" + sku + "/receipts", Map.of("quantity", 100)).status()).isEqualTo(202);
        String customerId = admin.post("/api/v1/customers", Map.of("name", "Kill Test", "email", "k@example.com",
                "country", "FR", "currency", "EUR", "creditLimit", 100000)).body().get("id").asText();
        FulfilmentScenarios.await(() -> admin.get("/api/v1/customers/" + customerId).status() == 200, "customer readable");

        Map<String, String> orderByKey = new LinkedHashMap<>();
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = "kill-" + i + "-" + UUID.randomUUID();
            Map<String, Object> body = FulfilmentScenarios.order(customerId, Map.of(sku, 1), "5.00");
            Answer placed = admin.post("/api/v1/orders", body, Map.of("Idempotency-Key", key));
            assertThat(placed.status()).isEqualTo(202);
            orderByKey.put(key, placed.body().get("orderId").asText());
            bodies.add(body);
        }
        // Killed as soon as the first invoice is out, while the others are being numbered and rendered.
        FulfilmentScenarios.await(() -> admin.get("/api/v1/invoices?customerId=" + customerId + "&status=ISSUED")
                .body().get("totalElements").asInt() >= 1, "the first invoice issued");
        int issuedBeforeTheKill = admin.get("/api/v1/invoices?customerId=" + customerId + "&status=ISSUED&size=100")
                .body().get("totalElements").asInt();
        axle.kill();

        axle.start();
        AxleClient restarted = axle.admin();
        int i = 0;
        for (Map.Entry<String, String> acknowledged : orderByKey.entrySet()) {
            Answer retried = restarted.post("/api/v1/orders", bodies.get(i++), Map.of("Idempotency-Key", acknowledged.getKey()));
            assertThat(retried.status()).isEqualTo(202);
            assertThat(retried.body().get("orderId").asText()).isEqualTo(acknowledged.getValue());
        }
        for (String orderId : orderByKey.values()) {
            JsonNode[] order = new JsonNode[1];
            FulfilmentScenarios.await(() -> {
                Answer answer = restarted.get("/api/v1/orders/" + orderId);
                order[0] = answer.body();
                return answer.status() == 200 && "CONFIRMED".equals(answer.body().get("status").asText());
            }, "order " + orderId + " confirmed after the restart");
        }
        FulfilmentScenarios.await(() -> {
            JsonNode level = restarted.get("/api/v1/stock/" + sku).body();
            return level.get("reserved").asInt() == 20 && level.get("available").asInt() == 80;
        }, "stock of " + sku + " to show exactly the 20 acknowledged orders reserved");
        assertThat(restarted.get("/api/v1/orders?customerId=" + customerId + "&size=100").body().get("totalElements").asInt())
                .isEqualTo(20);

        // Invoicing was under way when the process died: every confirmed order is invoiced once, numbers without a gap.
        assertThat(issuedBeforeTheKill).as("invoices issued before the kill").isBetween(1, 20);
        FulfilmentScenarios.await(() -> {
            JsonNode page = restarted.get("/api/v1/invoices?customerId=" + customerId + "&status=ISSUED&size=100").body();
            return page.get("totalElements").asInt() == 20;
        }, "the 20 confirmed orders invoiced after the restart");
        JsonNode invoices = restarted.get("/api/v1/invoices?customerId=" + customerId + "&size=100").body().get("content");
        java.util.Set<String> numbers = new java.util.TreeSet<>();
        java.util.Set<String> invoicedOrders = new java.util.HashSet<>();
        invoices.forEach(invoice -> {
            numbers.add(invoice.get("number").asText());
            invoicedOrders.add(invoice.get("orderId").asText());
        });
        assertThat(invoicedOrders).containsExactlyInAnyOrderElementsOf(orderByKey.values());
        String year = numbers.iterator().next().substring(4, 8);
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            expected.add(String.format("INV-%s-%06d", year, n));
        }
        assertThat(numbers).containsExactlyElementsOf(expected);
    }

    @Test
    void everyAcknowledgedReadingSurvivesAKillMinusNine() throws Exception {
        int mqttPort = AxleProcess.freePort();
        axle = AxleProcess.start(dataDir, AxleProcess.freePort(), Map.of("axle.mqtt.embedded.port", Integer.toString(mqttPort)));
        AxleClient admin = axle.admin();
        String httpKey = admin.post("/api/v1/api-keys", Map.of("name", "kill-http-1", "role", "DEVICE",
                "deviceId", "http-1")).body().get("key").asText();
        String mqttKey = admin.post("/api/v1/api-keys", Map.of("name", "kill-mqtt-1", "role", "DEVICE",
                "deviceId", "mqtt-1")).body().get("key").asText();
        Answer started = admin.post("/api/runs/start", Map.of("duration", 3600, "interval", 1));
        assertThat(started.status()).isEqualTo(201);
        String runId = started.body().get("id").asText();

        AxleClient device = new AxleClient(axle.baseUrl());
        for (int i = 0; i < 50; i++) {
            Answer posted = device.post("/api/sensors/data", Map.of("runId", runId, "sensorId", "http-1",
                    "temperature", 20.0 + i / 10.0), Map.of("X-API-Key", httpKey));
            assertThat(posted.status()).isEqualTo(201);
        }
        Mqtt5BlockingClient rig = MqttClient.builder().useMqttVersion5().identifier("kill-rig-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(mqttPort).buildBlocking();
        rig.connectWith().simpleAuth().username("kill-mqtt-1").password(mqttKey.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        for (int i = 0; i < 50; i++) {
            rig.publishWith().topic("axle/runs/" + runId + "/sensors/mqtt-1").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"temperature\": " + (10.0 + i / 10.0) + "}").getBytes(StandardCharsets.UTF_8)).send();
        }
        axle.kill();

        axle.start();
        AxleClient restarted = axle.admin();
        FulfilmentScenarios.await(() -> restarted.get("/api/sensors/data?runId=" + runId + "&size=200").body()
                .get("content").size() == 100, "all 100 acknowledged readings in the read model after the restart");
        FulfilmentScenarios.await(() -> restarted.get("/api/runs/" + runId + "/stats").body().at("/overall/count").asLong() == 100,
                "statistics counting each acknowledged reading once");
    }
}
