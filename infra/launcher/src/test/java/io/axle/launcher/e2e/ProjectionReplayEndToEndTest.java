package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.AxleClient.Answer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

/**
 * Rebuilding a projection on the booted application: the processors admin API lists every processor, refuses to
 * replay one with side effects, and replays the orders projection from the first event into a read model equal to the
 * one before, without issuing or mailing any invoice a second time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectionReplayEndToEndTest {

    /** #12 documents — alerts: the processor raising alerts and their mailer, never replayed. */
    private static final String[] SIDE_EFFECTS_12 = {"document-alerts", "document-alert-mail"};

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final int ORDERS = 4;

    private Path dataDir;
    private RunningAxle axle;
    private AxleClient admin;

    @BeforeAll
    void boot() throws IOException {
        dataDir = Files.createTempDirectory("axle-e2e-replay");
        axle = RunningAxle.start(dataDir, Map.of("axle.mqtt.embedded.start-timeout", "5m"));
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
    void everyProcessorIsListedWithItsPositionAndWhetherItMayBeReplayed() {
        Answer list = admin.get("/api/v1/admin/processors");
        assertThat(list.status()).as(list.raw().body()).isEqualTo(200);
        Map<String, JsonNode> byName = new HashMap<>();
        list.body().forEach(processor -> byName.put(processor.get("name").asText(), processor));
        assertThat(byName).containsKeys("orders", "customers", "invoices", "invoice-issuing", "invoice-mail",
                "OrderFulfilmentSagaProcessor");
        assertThat(byName).containsKeys(SIDE_EFFECTS_12); // #12 documents — alerts
        JsonNode orders = byName.get("orders");
        assertThat(orders.get("kind").asText()).isEqualTo("tracking");
        assertThat(orders.get("replayable").asBoolean()).isTrue();
        assertThat(orders.get("running").asBoolean()).isTrue();
        assertThat(orders.get("segments").asInt()).isPositive();
        assertThat(orders.get("deadLetters").asLong()).isZero();
        assertThat(orders.has("lagEvents")).isTrue();
        for (String sideEffects : List.of("invoice-issuing", "invoice-mail", "OrderFulfilmentSagaProcessor",
                SIDE_EFFECTS_12[0], SIDE_EFFECTS_12[1], "FlashJobSagaProcessor", "FlashCampaignSagaProcessor",
                "flash-commands")) {
            assertThat(byName.get(sideEffects)).as(sideEffects).isNotNull();
            assertThat(byName.get(sideEffects).get("replayable").asBoolean()).as(sideEffects).isFalse();
        }
    }

    @Test
    void aProcessorWithSideEffectsIsNeverReplayed() {
        for (String sideEffects : List.of("invoice-issuing", "invoice-mail", "OrderFulfilmentSagaProcessor",
                SIDE_EFFECTS_12[0], SIDE_EFFECTS_12[1])) {
            Answer refused = admin.post("/api/v1/admin/processors/" + sideEffects + "/replay", Map.of());
            assertThat(refused.status()).as(refused.raw().body()).isEqualTo(409);
            assertThat(refused.body().get("field").asText()).isEqualTo("name");
            assertThat(refused.body().get("rule").asText()).isEqualTo("not-a-projection");
        }
    }

    @Test
    void anUnknownProcessorIsNotFoundAndOnlyAdministratorsMayLookOrReplay() {
        Answer unknown = admin.post("/api/v1/admin/processors/no-such-processor/replay", Map.of());
        assertThat(unknown.status()).as(unknown.raw().body()).isEqualTo(404);
        assertThat(unknown.body().get("rule").asText()).isEqualTo("not-found");

        assertThat(axle.anonymous().get("/api/v1/admin/processors").status()).isEqualTo(401);
        String analyst = "analyst-" + UUID.randomUUID().toString().substring(0, 6);
        Answer created = admin.post("/api/v1/users", Map.of("username", analyst, "password", "analyst-secret-42",
                "roles", List.of("analyst")));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        AxleClient reader = new AxleClient(axle.baseUrl()).signIn(analyst, "analyst-secret-42");
        assertThat(reader.get("/api/v1/admin/processors").status()).isEqualTo(403);
        assertThat(reader.post("/api/v1/admin/processors/orders/replay", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void theOrdersProjectionIsRebuiltEqualWithoutASecondInvoiceOrMail() {
        String customerId = customer();
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orderIds.add(confirmedOrder(customerId));
        }
        await().atMost(SETTLE).until(() -> invoicesMailed(customerId) == ORDERS);
        JsonNode before = orders(customerId);
        assertThat(before.size()).isEqualTo(ORDERS);
        Map<String, JsonNode> detailsBefore = details(orderIds);

        Answer replay = admin.post("/api/v1/admin/processors/orders/replay", Map.of());
        assertThat(replay.status()).as(replay.raw().body()).isEqualTo(202);
        assertThat(replay.body().get("name").asText()).isEqualTo("orders");
        assertThat(replay.body().get("replaying").asBoolean()).as("tokens reset to replay").isTrue();

        await().atMost(SETTLE).untilAsserted(() -> {
            JsonNode orders = processor("orders");
            assertThat(orders.get("replaying").asBoolean()).isFalse();
            assertThat(orders.get("lagEvents").asLong()).isZero();
        });
        await().atMost(SETTLE).untilAsserted(() -> assertThat(orders(customerId)).isEqualTo(before));
        assertThat(details(orderIds)).isEqualTo(detailsBefore);

        JsonNode invoices = admin.get("/api/v1/invoices?customerId=" + customerId + "&size=100").body();
        assertThat(invoices.get("content")).hasSize(ORDERS);
        assertThat(invoicesMailed(customerId)).as("each invoice mailed once").isEqualTo(ORDERS);
    }

    private JsonNode processor(String name) {
        Answer list = admin.get("/api/v1/admin/processors");
        assertThat(list.status()).isEqualTo(200);
        return StreamSupport.stream(list.body().spliterator(), false)
                .filter(processor -> name.equals(processor.get("name").asText())).findFirst().orElseThrow();
    }

    private JsonNode orders(String customerId) {
        Answer page = admin.get("/api/v1/orders?customerId=" + customerId + "&sort=number,asc&size=100");
        assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
        return page.body().get("content");
    }

    private Map<String, JsonNode> details(List<String> orderIds) {
        Map<String, JsonNode> details = new HashMap<>();
        for (String orderId : orderIds) {
            Answer order = admin.get("/api/v1/orders/" + orderId);
            assertThat(order.status()).as(order.raw().body()).isEqualTo(200);
            details.put(orderId, order.body());
        }
        return details;
    }

    /** How many times the customer's invoices were mailed, all invoices together (each sending is recorded). */
    private int invoicesMailed(String customerId) {
        int mailed = 0;
        for (JsonNode invoice : admin.get("/api/v1/invoices?customerId=" + customerId + "&size=100").body()
                .get("content")) {
            mailed += admin.get("/api/v1/invoices/" + invoice.get("invoiceId").asText()).body().get("emails").size();
        }
        return mailed;
    }

    private String customer() {
        Answer answer = admin.post("/api/v1/customers", Map.of("name", "Garage Replay", "email",
                "compta@garage-replay.fr", "country", "FR", "currency", "EUR",
                "creditLimit", new BigDecimal("100000.00")));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        String id = answer.body().get("id").asText();
        await().atMost(SETTLE).until(() -> admin.get("/api/v1/customers/" + id).status() == 200);
        return id;
    }

    private String confirmedOrder(String customerId) {
        String sku = "PART-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Catalogue.add(admin, sku, "12.50", "EUR");
        Answer received = admin.post("/api/v1/stock/" + sku + "/receipts", Map.of("quantity", 100));
        assertThat(received.status()).as(received.raw().body()).isEqualTo(202);
        await().atMost(SETTLE).until(() -> admin.get("/api/v1/stock/" + sku).status() == 200);
        Answer placed = admin.post("/api/v1/orders", Map.of("customerId", customerId, "currency", "EUR",
                "lines", List.of(Map.of("sku", sku, "quantity", 2)), "shippingAddress", Map.of("recipient",
                        "Atelier", "street", "12 rue des Lilas", "city", "Lyon", "postalCode", "69003",
                        "country", "FR")));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(202);
        String orderId = placed.body().get("orderId").asText();
        await().atMost(SETTLE).until(() -> {
            Answer order = admin.get("/api/v1/orders/" + orderId);
            return order.status() == 200 && "CONFIRMED".equals(order.body().get("status").asText());
        });
        return orderId;
    }
}
