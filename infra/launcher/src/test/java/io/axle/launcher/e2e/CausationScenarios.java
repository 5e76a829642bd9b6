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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

/**
 * "Why did this happen" and "what did it look like then" on a booted application: the causation tree of an order
 * placed over HTTP reaches its invoice's mail, and the state of an order as of each of its events is what the read
 * model answered at that moment. Each subclass picks the event store; the scenarios are the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CausationScenarios {

    private static final Duration SETTLE = Duration.ofSeconds(60);

    private Path dataDir;
    private RunningAxle axle;
    private AxleClient admin;

    /** Extra properties for the event store under test. */
    abstract Map<String, String> storageProperties();

    @BeforeAll
    void boot() throws IOException {
        dataDir = Files.createTempDirectory("axle-e2e-why");
        Map<String, String> properties = new HashMap<>(storageProperties());
        properties.put("axle.snapshots.threshold", "2");
        properties.put("axle.mqtt.embedded.start-timeout", "180s");
        axle = RunningAxle.start(dataDir, properties);
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
    void theCausationTreeOfAnOrderReachesItsInvoiceAndItsMail() {
        String orderId = confirmedOrder();
        String correlationId = admin.get("/api/v1/audit/Order/" + orderId).body().get(0).at("/metadata/correlationId")
                .asText();

        JsonNode tree = await().atMost(SETTLE).until(() -> admin.get("/api/v1/audit/correlations/" + correlationId),
                answer -> answer.status() == 200 && find(answer.body().get("roots"), "DocumentEmailedEvent").isPresent())
                .body();

        assertThat(tree.get("correlationId").asText()).isEqualTo(correlationId);
        JsonNode roots = tree.get("roots");
        JsonNode placement = roots.findParents("type").stream()
                .filter(node -> "PlaceOrderCommand".equals(node.path("type").asText())).findFirst().orElseThrow();
        assertThat(placement.get("kind").asText()).isEqualTo("command");
        assertThat(placement.get("user").asText()).isEqualTo("admin");
        JsonNode placed = find(placement.get("children"), "OrderPlacedEvent").orElseThrow();
        assertThat(placed.get("aggregateType").asText()).isEqualTo("Order");
        assertThat(placed.get("aggregateId").asText()).isEqualTo(orderId);
        assertThat(placed.get("sequence").asLong()).isZero();
        assertThat(placed.at("/payload/orderId").asText()).isEqualTo(orderId);
        assertThat(placed.get("client").asText()).isNotBlank();
        assertThat(placed.get("timestamp").asText()).isNotBlank();

        for (String step : List.of("StockReservedEvent", "CreditReservedEvent", "OrderConfirmedEvent",
                "InvoiceRequestedEvent", "InvoiceNumberAllocatedEvent", "InvoiceIssuedEvent", "DocumentEmailedEvent")) {
            assertThat(find(placed.get("children"), step)).as(step + " descends from the placement").isPresent();
        }
        JsonNode confirmed = find(placed.get("children"), "OrderConfirmedEvent").orElseThrow();
        JsonNode issued = find(confirmed.get("children"), "InvoiceIssuedEvent").orElseThrow();
        JsonNode mailed = find(issued.get("children"), "DocumentEmailedEvent").orElseThrow();
        assertThat(mailed.get("aggregateType").asText()).isEqualTo("Invoice");
        assertThat(find(confirmed.get("children"), "RequestInvoiceCommand")).as("the saga's command, named").isPresent();
        assertThat(find(issued.get("children"), "RecordDocumentEmailedCommand")).isPresent();
        assertThat(admin.get("/api/v1/audit/correlations/unknown-" + correlationId).status()).isEqualTo(404);
    }

    @Test
    void anOrderAsOfEachOfItsEventsIsWhatItsReadModelShowedThen() {
        String orderId = confirmedOrder();
        List<JsonNode> seen = new ArrayList<>();
        seen.add(admin.get("/api/v1/orders/" + orderId).body());
        assertThat(admin.post("/api/v1/orders/" + orderId + "/ship", Map.of()).status()).isBetween(200, 204);
        seen.add(awaitStatus(orderId, "SHIPPED"));
        assertThat(admin.post("/api/v1/orders/" + orderId + "/deliver", Map.of()).status()).isBetween(200, 204);
        seen.add(awaitStatus(orderId, "DELIVERED"));

        JsonNode events = admin.get("/api/v1/audit/Order/" + orderId).body();
        assertThat(events.size()).as("placed, reserved, confirmed, shipped, delivered").isEqualTo(5);
        for (int i = 0; i < seen.size(); i++) {
            Instant at = Instant.parse(events.get(2 + i).get("timestamp").asText());
            Answer asOf = admin.get("/api/v1/audit/Order/" + orderId + "?asOf=" + at);
            assertThat(asOf.status()).as(asOf.raw().body()).isEqualTo(200);
            assertThat(asOf.body().get("state")).as("as of " + at).isEqualTo(seen.get(i));
            assertThat(asOf.body().get("events").size()).isEqualTo(3 + i);
        }

        Instant placedAt = Instant.parse(events.get(0).get("timestamp").asText());
        JsonNode justPlaced = admin.get("/api/v1/audit/Order/" + orderId + "?asOf=" + placedAt).body();
        assertThat(justPlaced.at("/state/status").asText()).isEqualTo("PLACED");
        assertThat(justPlaced.at("/state/history").size()).isEqualTo(1);
        assertThat(admin.get("/api/v1/audit/Order/" + orderId + "?asOf=" + placedAt.minusMillis(1)).status())
                .as("before its first event the order did not exist").isEqualTo(404);

        Answer badInstant = admin.get("/api/v1/audit/Order/" + orderId + "?asOf=yesterday");
        assertThat(badInstant.status()).isEqualTo(400);
        assertThat(badInstant.raw().body()).contains("asOf");
    }

    @Test
    void anInvoiceAsOfItsRequestIsNotYetIssued() {
        String orderId = confirmedOrder();
        JsonNode invoice = await().atMost(SETTLE).until(
                () -> admin.get("/api/v1/invoices?orderId=" + orderId).body().get("content"),
                content -> content.size() == 1 && "ISSUED".equals(content.get(0).get("status").asText())).get(0);
        String invoiceId = invoice.get("invoiceId").asText();
        JsonNode events = admin.get("/api/v1/audit/Invoice/" + invoiceId).body();
        Instant requested = Instant.parse(events.get(0).get("timestamp").asText());

        JsonNode then = admin.get("/api/v1/audit/Invoice/" + invoiceId + "?asOf=" + requested).body();
        assertThat(then.at("/state/status").asText()).isEqualTo("REQUESTED");
        assertThat(then.at("/state/number").isNull() || then.at("/state/number").isMissingNode()).isTrue();
        JsonNode now = admin.get("/api/v1/audit/Invoice/" + invoiceId + "?asOf=" + Instant.now()).body();
        assertThat(now.at("/state/number").asText()).isEqualTo(invoice.get("number").asText());
    }

    private String confirmedOrder() {
        String sku = FulfilmentScenarios.sku("WHY");
        Catalogue.add(admin, sku);
        assertThat(admin.post("/api/v1/stock/" + sku + "/receipts", Map.of("quantity", 10)).status()).isEqualTo(202);
        await().atMost(SETTLE).until(() -> admin.get("/api/v1/stock/" + sku).status() == 200);
        Answer customer = admin.post("/api/v1/customers", Map.of("name", "Garage Pourquoi", "email",
                "compta@garage-pourquoi.fr", "country", "FR", "currency", "EUR", "creditLimit",
                new BigDecimal("10000.00")));
        assertThat(customer.status()).as(customer.raw().body()).isEqualTo(201);
        String customerId = customer.body().get("id").asText();
        await().atMost(SETTLE).until(() -> admin.get("/api/v1/customers/" + customerId).status() == 200);
        Answer placed = admin.post("/api/v1/orders", FulfilmentScenarios.order(customerId, Map.of(sku, 2), "12.50"));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(202);
        String orderId = placed.body().get("orderId").asText();
        awaitStatus(orderId, "CONFIRMED");
        return orderId;
    }

    private JsonNode awaitStatus(String orderId, String status) {
        return await().atMost(SETTLE).until(() -> admin.get("/api/v1/orders/" + orderId),
                answer -> answer.status() == 200 && status.equals(answer.body().get("status").asText())).body();
    }

    /** The first node of {@code type} in {@code nodes} or below them. */
    private static Optional<JsonNode> find(JsonNode nodes, String type) {
        for (JsonNode node : nodes) {
            if (type.equals(node.path("type").asText())) {
                return Optional.of(node);
            }
            Optional<JsonNode> below = find(node.path("children"), type);
            if (below.isPresent()) {
                return below;
            }
        }
        return Optional.empty();
    }
}
