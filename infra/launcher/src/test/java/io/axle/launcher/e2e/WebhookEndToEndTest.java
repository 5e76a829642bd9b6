package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.WebhookReceiver.Post;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

/**
 * Partner webhooks on the booted application against a local receiver that checks every signature: a confirmed order
 * is delivered once, signed; a receiver failing twice gets it on the third attempt; one always failing ends dead until
 * an administrator retries it; partners see, register and receive their own customer's only; a replay delivers
 * nothing. Backoff is cut to a fifth of a second so that retries happen within the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookEndToEndTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String SECRET = "whsec-" + UUID.randomUUID();

    private Path dataDir;
    private RunningAxle axle;
    private AxleClient admin;
    private WebhookReceiver receiver;

    @BeforeAll
    void boot() throws IOException {
        receiver = new WebhookReceiver();
        dataDir = Files.createTempDirectory("axle-e2e-webhooks");
        axle = RunningAxle.start(dataDir, Map.of(
                "axle.webhooks.initial-backoff", "200ms",
                "axle.webhooks.max-backoff", "1s",
                "axle.webhooks.max-attempts", "3",
                "axle.webhooks.poll-interval", "100ms"));
        admin = axle.admin();
    }

    @AfterAll
    void shutDown() {
        if (axle != null) {
            axle.close();
        }
        receiver.close();
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    @Test
    void aConfirmedOrderIsDeliveredOnceSignedWithItsFacts() {
        String customerId = customer();
        String webhookId = register(admin, receiver.endpoint("/confirmed", SECRET, 200), customerId);
        assertThat(admin.get("/api/v1/webhooks/" + webhookId).body().has("secret")).isFalse();

        String orderId = confirmedOrder(customerId);

        await().atMost(SETTLE).until(() -> receiver.posts("/confirmed").size() == 1);
        Post post = receiver.posts("/confirmed").get(0);
        assertThat(post.signatureValid()).as("the signature is the HMAC of the raw body").isTrue();
        assertThat(post.body().get("event").asText()).isEqualTo("order.confirmed");
        assertThat(post.deliveryHeader()).isEqualTo(post.body().get("deliveryId").asText());
        assertThat(post.body().get("occurredAt").asText()).isNotBlank();
        JsonNode data = post.body().get("data");
        assertThat(data.get("orderId").asText()).isEqualTo(orderId);
        assertThat(data.get("customerId").asText()).isEqualTo(customerId);
        assertThat(data.get("orderNumber").asText()).matches("SO-\\d{4}-\\d{6}");
        assertThat(data.get("total").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(data.get("currency").asText()).isEqualTo("EUR");

        JsonNode log = awaitLog(webhookId, entries -> "DELIVERED".equals(entries.path(0).path("status").asText()));
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("attempts")).hasSize(1);
        assertThat(log.get(0).at("/attempts/0/status").asInt()).isEqualTo(200);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> receiver.posts("/confirmed").size() == 1);
    }

    @Test
    void aReceiverFailingTwiceGetsTheDeliveryOnTheThirdAttempt() {
        String customerId = customer();
        String webhookId = register(admin, receiver.endpoint("/flaky", SECRET, 200, 500, 500), customerId);

        confirmedOrder(customerId);

        JsonNode log = awaitLog(webhookId, entries -> "DELIVERED".equals(entries.path(0).path("status").asText()));
        assertThat(log.get(0).get("attempts")).extracting(attempt -> attempt.get("status").asInt())
                .containsExactly(500, 500, 200);
        assertThat(receiver.posts("/flaky")).extracting(Post::answered).containsExactly(500, 500, 200);
        assertThat(receiver.posts("/flaky")).allMatch(Post::signatureValid);
        assertThat(receiver.posts("/flaky")).extracting(Post::deliveryHeader).containsOnly(
                log.get(0).get("deliveryId").asText());
    }

    @Test
    void aDeliveryDeadAfterItsAttemptsIsDeliveredWhenAnAdministratorRetriesIt() {
        String customerId = customer();
        String webhookId = register(admin, receiver.endpoint("/down", SECRET, 503), customerId);

        confirmedOrder(customerId);

        JsonNode log = awaitLog(webhookId, entries -> "DEAD".equals(entries.path(0).path("status").asText()));
        assertThat(log.get(0).get("attempts")).hasSize(3);
        String deliveryId = log.get(0).get("deliveryId").asText();
        String retryPath = "/api/v1/webhooks/" + webhookId + "/deliveries/" + deliveryId + "/retry";

        receiver.answer("/down", 204);
        Answer retried = admin.post(retryPath, Map.of());
        assertThat(retried.status()).as(retried.raw().body()).isEqualTo(200);

        JsonNode after = awaitLog(webhookId, entries -> "DELIVERED".equals(entries.path(0).path("status").asText()));
        assertThat(after.get(0).get("attempts")).extracting(attempt -> attempt.get("status").asInt())
                .containsExactly(503, 503, 503, 204);
        assertThat(receiver.posts("/down")).hasSize(4);
        assertThat(admin.post(retryPath, Map.of()).status()).as("only a dead delivery is retried").isEqualTo(404);
    }

    @Test
    void aPartnerSeesRegistersAndReceivesItsOwnCustomersOnly() {
        String own = customer();
        String other = customer();
        AxleClient partner = partner(own);
        String othersWebhook = register(admin, receiver.endpoint("/others", SECRET, 200), other);

        Answer foreign = partner.post("/api/v1/webhooks", Map.of("url", receiver.endpoint("/stolen", SECRET, 200),
                "events", List.of("order.confirmed"), "secret", SECRET, "customerId", other));
        assertThat(foreign.status()).as(foreign.raw().body()).isEqualTo(403);
        assertThat(foreign.body().get("field").asText()).isEqualTo("customerId");
        assertThat(foreign.body().get("rule").asText()).isEqualTo("other-customer");
        assertThat(partner.get("/api/v1/webhooks/" + othersWebhook).status()).isEqualTo(404);
        assertThat(partner.get("/api/v1/webhooks/" + othersWebhook + "/deliveries").status()).isEqualTo(404);
        assertThat(partner.post("/api/v1/webhooks/" + othersWebhook + "/deliveries/x/retry", Map.of()).status())
                .as("retrying is for administrators").isEqualTo(403);

        String ownWebhook = register(partner, receiver.endpoint("/partner", SECRET, 200), null);
        JsonNode listed = partner.get("/api/v1/webhooks").body();
        assertThat(listed).extracting(webhook -> webhook.get("webhookId").asText()).containsExactly(ownWebhook);
        assertThat(listed.get(0).get("customerId").asText()).isEqualTo(own);

        String othersOrder = confirmedOrder(other);
        String ownOrder = confirmedOrder(own);

        await().atMost(SETTLE).until(() -> receiver.posts("/others").size() == 1
                && receiver.posts("/partner").size() == 1);
        assertThat(receiver.posts("/others").get(0).body().at("/data/orderId").asText()).isEqualTo(othersOrder);
        assertThat(receiver.posts("/partner").get(0).body().at("/data/orderId").asText()).isEqualTo(ownOrder);
        assertThat(receiver.posts("/stolen")).isEmpty();
    }

    @Test
    void aReplayDeliversNothing() {
        String customerId = customer();
        String before = register(admin, receiver.endpoint("/before-replay", SECRET, 200), customerId);
        confirmedOrder(customerId);
        awaitLog(before, entries -> "DELIVERED".equals(entries.path(0).path("status").asText()));
        // Registered after the order, it must not be told of it: a replay would match the order against it.
        String after = register(admin, receiver.endpoint("/after-replay", SECRET, 200), customerId);

        TrackingEventProcessor processor = axle.bean(EventProcessingConfiguration.class)
                .eventProcessor("webhooks", TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(SETTLE).until(() -> processor.isRunning() && !processor.isReplaying());

        assertThat(admin.get("/api/v1/webhooks/" + after + "/deliveries").body()).isEmpty();
        assertThat(admin.get("/api/v1/webhooks/" + before + "/deliveries").body()).hasSize(1);
        assertThat(receiver.posts("/before-replay")).hasSize(1);
        assertThat(receiver.posts("/after-replay")).isEmpty();

        String later = confirmedOrder(customerId);
        await().atMost(SETTLE).until(() -> receiver.posts("/after-replay").size() == 1);
        assertThat(receiver.posts("/after-replay").get(0).body().at("/data/orderId").asText()).isEqualTo(later);
        assertThat(receiver.posts("/before-replay")).hasSize(2);
    }

    @Test
    void aRegistrationBreakingARuleIsAProblemNamingFieldAndRule() {
        Answer credentials = admin.post("/api/v1/webhooks", Map.of("url", "https://user:pw@partner.example.com/",
                "events", List.of("order.confirmed"), "secret", SECRET));
        assertThat(credentials.status()).as(credentials.raw().body()).isEqualTo(422);
        assertThat(credentials.contentType()).startsWith("application/problem+json");
        assertThat(credentials.body().get("field").asText()).isEqualTo("url");
        assertThat(credentials.body().get("rule").asText()).isEqualTo("no-credentials");

        Answer unknown = admin.post("/api/v1/webhooks", Map.of("url", "https://partner.example.com/",
                "events", List.of("order.placed"), "secret", SECRET));
        assertThat(unknown.status()).as(unknown.raw().body()).isEqualTo(422);
        assertThat(unknown.body().get("field").asText()).isEqualTo("events[0]");
        assertThat(unknown.body().get("rule").asText()).isEqualTo("known-event");

        Answer shortSecret = admin.post("/api/v1/webhooks", Map.of("url", "https://partner.example.com/",
                "events", List.of("order.confirmed"), "secret", "short"));
        assertThat(shortSecret.status()).as(shortSecret.raw().body()).isEqualTo(400);
        assertThat(shortSecret.raw().body()).contains("secret");
    }

    private String register(AxleClient client, String url, String customerId) {
        Map<String, Object> body = new HashMap<>(Map.of("url", url, "events", List.of("order.confirmed"),
                "secret", SECRET));
        if (customerId != null) {
            body.put("customerId", customerId);
        }
        Answer registered = client.post("/api/v1/webhooks", body);
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String webhookId = registered.body().get("webhookId").asText();
        await().atMost(SETTLE).until(() -> client.get("/api/v1/webhooks/" + webhookId).status() == 200);
        return webhookId;
    }

    private AxleClient partner(String customerId) {
        Answer key = admin.post("/api/v1/api-keys", Map.of("name", "partner-" + UUID.randomUUID(), "role", "partner",
                "customerId", customerId));
        assertThat(key.status()).as(key.raw().body()).isEqualTo(201);
        return axle.anonymous().withApiKey(key.body().get("key").asText());
    }

    private JsonNode awaitLog(String webhookId, Predicate<JsonNode> condition) {
        JsonNode[] log = new JsonNode[1];
        await().atMost(SETTLE).until(() -> {
            Answer answer = admin.get("/api/v1/webhooks/" + webhookId + "/deliveries");
            log[0] = answer.body();
            return answer.status() == 200 && condition.test(log[0]);
        });
        return log[0];
    }

    private String customer() {
        Answer answer = admin.post("/api/v1/customers", Map.of("name", "Garage " + UUID.randomUUID(),
                "email", "hooks@example.com", "country", "FR", "currency", "EUR",
                "creditLimit", new BigDecimal("100000.00")));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        String id = answer.body().get("id").asText();
        await().atMost(SETTLE).until(() -> admin.get("/api/v1/customers/" + id).status() == 200);
        return id;
    }

    /** An order of 2 × 12.50 EUR for {@code customerId}, awaited until confirmed. */
    private String confirmedOrder(String customerId) {
        String sku = "HOOK-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Catalogue.add(admin, sku, "12.50", "EUR");
        Answer received = admin.post("/api/v1/stock/" + sku + "/receipts", Map.of("quantity", 10));
        assertThat(received.status()).as(received.raw().body()).isEqualTo(202);
        await().atMost(SETTLE).until(() -> admin.get("/api/v1/stock/" + sku).status() == 200);
        Answer placed = admin.post("/api/v1/orders", Map.of("customerId", customerId, "currency", "EUR",
                "lines", List.of(Map.of("sku", sku, "quantity", 2, "unitPrice", new BigDecimal("12.50"))),
                "shippingAddress", Map.of("recipient", "Atelier", "street", "1 rue du Port", "city", "Nantes",
                        "postalCode", "44000", "country", "FR")));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(202);
        String orderId = placed.body().get("orderId").asText();
        await().atMost(SETTLE).until(() -> {
            Answer order = admin.get("/api/v1/orders/" + orderId);
            return order.status() == 200 && "CONFIRMED".equals(order.body().get("status").asText());
        });
        return orderId;
    }
}
