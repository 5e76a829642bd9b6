package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.platform.privacy.PersonalDataKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;

/**
 * Erasure by crypto-shredding on a booted application: once a customer is erased, the API, the audit trail and the
 * causation tree show their personal data as erased, new personal data for them is refused, their business facts
 * stay; an issued invoice of another erased customer is kept and said to be; and once Axle is stopped, neither the
 * event store's files nor the embedded read store's file hold the plaintext. Each subclass picks the event store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ErasureScenarios {

    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String name = "Erasable Zebulon " + tag;
    private final String email = "zebulon-" + tag + "@erasure.test";
    private final String street = tag + " Rue Effacée";
    private final String phone = "+33 6 " + tag.chars().map(c -> '0' + c % 10)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);

    private Path dataDir;
    private RunningAxle axle;
    private AxleClient admin;

    /** Extra properties for the event store under test. */
    abstract Map<String, String> storageProperties();

    /** The files of the event store under test, as they are once Axle has stopped. */
    abstract List<Path> eventStoreFiles(Path dataDir);

    /** Whether the event store's files are expected to have lost every copy of a destroyed key once Axle stopped. */
    abstract boolean destroyedKeysLeaveTheFiles();

    @BeforeAll
    void boot() throws IOException {
        dataDir = Files.createTempDirectory("axle-e2e-erasure");
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

    /** Last: it stops Axle to read its files. */
    @Test
    @Order(2)
    void anErasedCustomerReadsErasedEverywhereAndLeavesNoPlaintextOnDisk() {
        String customerId = register(name, email, "0.00");
        Answer edited = admin.put("/api/v1/customers/" + customerId, Map.of("name", name, "email", email,
                "phone", phone, "country", "FR", "creditLimit", new BigDecimal("100.00"),
                "billingAddress", Map.of("street", street, "postalCode", "75011", "city", "Paris", "country", "FR")));
        assertThat(edited.status()).as(edited.raw().body()).isEqualTo(204);
        String scarce = FulfilmentScenarios.sku("ERASE");
        receive(scarce, 1);
        String orderId = place(customerId, scarce, 3, name, street);
        awaitOrder(orderId, "REJECTED");
        String correlationId = admin.get("/api/v1/audit/Order/" + orderId).body().get(0)
                .at("/metadata/correlationId").asText();
        byte[] key = axle.bean(PersonalDataKeys.class).keyToRead(customerId).orElseThrow().getEncoded();

        Answer erased = admin.post("/api/v1/customers/" + customerId + "/erase", Map.of());

        assertThat(erased.status()).as(erased.raw().body()).isEqualTo(200);
        assertThat(erased.body().get("customerId").asText()).isEqualTo(customerId);
        assertThat(Instant.parse(erased.body().get("erasedAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(erased.body().get("retained")).as("no invoice was issued to them").isEmpty();
        Answer again = admin.post("/api/v1/customers/" + customerId + "/erase", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("rule").asText()).isEqualTo("already-erased");
        assertThat(admin.post("/api/v1/customers/unknown-" + tag + "/erase", Map.of()).status()).isEqualTo(404);

        JsonNode customer = await().atMost(SETTLE).until(() -> admin.get("/api/v1/customers/" + customerId).body(),
                view -> view.path("erased").asBoolean());
        for (String field : List.of("name", "email", "phone", "billingAddress")) {
            assertThat(customer.get(field).isNull()).as(field).isTrue();
        }
        assertThat(customer.get("country").asText()).isEqualTo("FR");
        assertThat(customer.get("creditLimit").decimalValue()).isEqualByComparingTo("100.00");
        JsonNode order = await().atMost(SETTLE).until(() -> admin.get("/api/v1/orders/" + orderId).body(),
                view -> view.path("shippingAddressErased").asBoolean());
        assertThat(order.get("shippingAddress").isNull()).isTrue();
        assertThat(order.get("status").asText()).isEqualTo("REJECTED");
        assertThat(order.at("/lines/0/sku").asText()).isEqualTo(scarce);

        JsonNode trail = admin.get("/api/v1/audit/Customer/" + customerId).body();
        assertThat(trail.get(0).get("type").asText()).isEqualTo("CustomerRegisteredEvent");
        assertThat(trail.get(0).at("/payload/name").isNull()).isTrue();
        assertThat(trail.get(0).at("/payload/country").asText()).isEqualTo("FR");
        assertThat(trail.get(trail.size() - 1).get("type").asText()).isEqualTo("CustomerErasedEvent");
        JsonNode placed = admin.get("/api/v1/audit/Order/" + orderId).body().get(0);
        assertThat(placed.at("/payload/shippingAddress").isNull()).isTrue();
        assertThat(placed.at("/payload/total").decimalValue()).isEqualByComparingTo("36.00");
        JsonNode tree = await().atMost(SETTLE).until(() -> admin.get("/api/v1/audit/correlations/" + correlationId),
                answer -> answer.status() == 200).body();
        assertThat(tree.findValues("shippingAddress")).isNotEmpty().allMatch(JsonNode::isNull);
        List<String> shown = new ArrayList<>();
        for (String path : List.of("/api/v1/customers/" + customerId, "/api/v1/orders/" + orderId,
                "/api/v1/audit/Customer/" + customerId, "/api/v1/audit/Order/" + orderId,
                "/api/v1/audit/correlations/" + correlationId, "/api/v1/customers?size=100")) {
            shown.add(admin.get(path).raw().body());
        }
        assertThat(shown).allSatisfy(body -> assertThat(body).doesNotContain(name, email, street, phone));

        Answer edit = admin.put("/api/v1/customers/" + customerId, Map.of("name", name, "email", email,
                "country", "FR", "creditLimit", new BigDecimal("100.00")));
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.body().get("rule").asText()).isEqualTo("erased");
        Answer newOrder = admin.post("/api/v1/orders",
                FulfilmentScenarios.order(customerId, Map.of(scarce, 1), "12.00"));
        assertThat(newOrder.status()).isEqualTo(409);
        assertThat(newOrder.body().get("field").asText()).isEqualTo("customerId");
        assertThat(newOrder.body().get("rule").asText()).isEqualTo("erased");

        axle.close();
        axle = null;
        List<Path> eventStore = eventStoreFiles(dataDir);
        assertThat(eventStore).as("the event store's files").isNotEmpty();
        assertThat(eventStore).allSatisfy(file -> assertThat(holdsAny(file, name, email, street, phone))
                .as(file + " holds no plaintext of the erased customer").isFalse());
        if (destroyedKeysLeaveTheFiles()) {
            assertThat(eventStore).allSatisfy(file -> assertThat(holds(file, key))
                    .as(file + " holds no copy of the destroyed key").isFalse());
        }
        Path readStore = dataDir.resolve("readmodels").resolve("mongo.mv");
        assertThat(holdsAny(readStore, name, email, street, phone))
                .as("the read store's file holds no plaintext of the erased customer").isFalse();
    }

    @Test
    @Order(1)
    void anErasedCustomersIssuedInvoiceIsKeptUntilTheEndOfItsRetention() {
        String retainedName = "Retained Ysolde " + tag;
        String customerId = register(retainedName, "ysolde-" + tag + "@erasure.test", "1000.00");
        String sku = FulfilmentScenarios.sku("KEEP");
        receive(sku, 5);
        String orderId = place(customerId, sku, 1, retainedName, "1 Rue Gardée");
        awaitOrder(orderId, "CONFIRMED");
        JsonNode invoice = await().atMost(SETTLE).until(
                () -> admin.get("/api/v1/invoices?orderId=" + orderId).body().get("content"),
                content -> content.size() == 1 && "ISSUED".equals(content.get(0).get("status").asText())).get(0);

        Answer erased = admin.post("/api/v1/customers/" + customerId + "/erase", Map.of());

        assertThat(erased.status()).as(erased.raw().body()).isEqualTo(200);
        JsonNode retained = erased.body().get("retained");
        assertThat(retained).hasSize(1);
        assertThat(retained.get(0).get("kind").asText()).isEqualTo("invoice");
        assertThat(retained.get(0).get("number").asText()).isEqualTo(invoice.get("number").asText());
        LocalDate issued = LocalDate.ofInstant(Instant.parse(invoice.get("issuedAt").asText()), ZoneOffset.UTC);
        assertThat(LocalDate.parse(retained.get(0).get("keptUntil").asText())).isEqualTo(issued.plusYears(10));
        JsonNode kept = admin.get("/api/v1/invoices/" + invoice.get("invoiceId").asText()).body();
        assertThat(kept.get("customerName").asText()).as("the legal record keeps its buyer").isEqualTo(retainedName);
        await().atMost(SETTLE).until(() -> admin.get("/api/v1/customers/" + customerId).body().path("erased")
                .asBoolean());
    }

    private String register(String customerName, String customerEmail, String creditLimit) {
        Answer answer = admin.post("/api/v1/customers", Map.of("name", customerName, "email", customerEmail,
                "country", "FR", "currency", "EUR", "creditLimit", new BigDecimal(creditLimit)));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        String id = answer.body().get("id").asText();
        await().atMost(SETTLE).until(() -> admin.get("/api/v1/customers/" + id).status() == 200);
        return id;
    }

    private void receive(String sku, int quantity) {
        Catalogue.add(admin, sku);
        Answer received = admin.post("/api/v1/stock/" + sku + "/receipts", Map.of("quantity", quantity));
        assertThat(received.status()).as(received.raw().body()).isEqualTo(202);
        await().atMost(SETTLE).until(() -> admin.get("/api/v1/stock/" + sku).status() == 200);
    }

    private String place(String customerId, String sku, int quantity, String recipient, String toStreet) {
        Answer placed = admin.post("/api/v1/orders", Map.of("customerId", customerId, "currency", "EUR",
                "lines", List.of(Map.of("sku", sku, "quantity", quantity, "unitPrice", new BigDecimal("12.00"))),
                "shippingAddress", Map.of("recipient", recipient, "street", toStreet, "city", "Paris",
                        "postalCode", "75011", "country", "FR")));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(202);
        return placed.body().get("orderId").asText();
    }

    private void awaitOrder(String orderId, String status) {
        await().atMost(SETTLE).until(() -> admin.get("/api/v1/orders/" + orderId),
                answer -> answer.status() == 200 && status.equals(answer.body().get("status").asText()));
    }

    static List<Path> files(Path root, java.util.function.Predicate<Path> which) {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).filter(which).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the bytes of {@code file} hold any of {@code texts} in UTF-8. */
    private static boolean holdsAny(Path file, String... texts) {
        return Stream.of(texts).anyMatch(text -> holds(file, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether the bytes of {@code file} hold {@code wanted} (compared byte for byte, as Latin-1 text). */
    private static boolean holds(Path file, byte[] wanted) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                    .contains(new String(wanted, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
