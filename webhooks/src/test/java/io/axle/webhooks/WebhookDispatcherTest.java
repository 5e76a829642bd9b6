package io.axle.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.invoice.PaymentRecordedEvent;
import io.axle.api.order.OrderConfirmedEvent;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.OrderShippedEvent;
import io.axle.api.run.RunCompletedEvent;
import io.axle.api.webhook.WebhookChangedEvent;
import io.axle.api.webhook.WebhookRegisteredEvent;
import io.axle.api.webhook.WebhookRemovedEvent;
import io.axle.webhooks.WebhookDeliveries.Delivery;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.eventhandling.ReplayStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The dispatcher's handlers called directly, on the platform's MongoDB wire server reached by the real driver. */
class WebhookDispatcherTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant OCCURRED = Instant.parse("2026-03-01T09:59:58Z");
    private static final String ORDER = "o-1";

    private MongoServer server;
    private MongoClient client;
    private WebhookDeliveries deliveries;
    private WebhookDispatcher dispatcher;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        MongoTemplate mongo = new MongoTemplate(client, "axle-webhooks-test");
        deliveries = new WebhookDeliveries(mongo);
        dispatcher = new WebhookDispatcher(new WebhookSubscriptions(mongo), new WebhookFacts(mongo), deliveries,
                new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private void register(String webhookId, String customerId, String... events) {
        dispatcher.on(new WebhookRegisteredEvent(webhookId, customerId, "https://partner.example.com/" + webhookId,
                List.of(events), "admin", NOW.minusSeconds(60)));
    }

    private void placeAndConfirm(String customerId, String eventId, ReplayStatus replay) {
        dispatcher.on(new OrderPlacedEvent(ORDER, customerId, "EUR", List.of(), null, new BigDecimal("25.00"),
                "SO-2026-000007"));
        dispatcher.on(new OrderConfirmedEvent(ORDER, customerId, new BigDecimal("25.00"), "EUR"), eventId, OCCURRED,
                replay);
    }

    @Test
    void recordsTheExactBodyOnceForTheMatchingWebhook() {
        register("wh-1", "c-1", "order.confirmed");

        placeAndConfirm("c-1", "event-1", ReplayStatus.REGULAR);
        placeAndConfirm("c-1", "event-1", ReplayStatus.REGULAR);

        List<Delivery> log = deliveries.of("wh-1", 10);
        assertThat(log).hasSize(1);
        Delivery delivery = log.get(0);
        String deliveryId = WebhookDispatcher.deliveryId("event-1", "wh-1");
        assertThat(delivery).isEqualTo(new Delivery(deliveryId, "wh-1", "order.confirmed", OCCURRED, "PENDING", NOW, 0,
                List.of(), "{\"deliveryId\":\"" + deliveryId + "\",\"event\":\"order.confirmed\",\"occurredAt\":"
                + "\"2026-03-01T09:59:58Z\",\"data\":{\"orderId\":\"o-1\",\"orderNumber\":\"SO-2026-000007\","
                + "\"customerId\":\"c-1\",\"total\":25.00,\"currency\":\"EUR\"}}"));
    }

    @Test
    void theDeliveryIdDependsOnTheEventAndTheWebhookOnly() {
        assertThat(WebhookDispatcher.deliveryId("event-1", "wh-1")).isEqualTo(WebhookDispatcher.deliveryId("event-1",
                "wh-1")).isNotEqualTo(WebhookDispatcher.deliveryId("event-2", "wh-1"))
                .isNotEqualTo(WebhookDispatcher.deliveryId("event-1", "wh-2"));
    }

    @Test
    void aReplayRecordsNothing() {
        register("wh-1", "c-1", "order.confirmed");

        placeAndConfirm("c-1", "event-1", ReplayStatus.REPLAY);

        assertThat(deliveries.of("wh-1", 10)).isEmpty();
    }

    @Test
    void tellsOnlyWebhooksOfTheEventsCustomerOrOfEveryCustomerThatAskedForIt() {
        register("own", "c-1", "order.confirmed");
        register("other-customer", "c-2", "order.confirmed");
        register("every-customer", null, "order.confirmed", "invoice.paid");
        register("other-event", "c-1", "order.shipped");
        register("removed", "c-1", "order.confirmed");
        dispatcher.on(new WebhookRemovedEvent("removed", "admin", NOW));

        placeAndConfirm("c-1", "event-1", ReplayStatus.REGULAR);

        assertThat(deliveries.of("own", 10)).hasSize(1);
        assertThat(deliveries.of("every-customer", 10)).hasSize(1);
        assertThat(deliveries.of("other-customer", 10)).isEmpty();
        assertThat(deliveries.of("other-event", 10)).isEmpty();
        assertThat(deliveries.of("removed", 10)).isEmpty();
    }

    @Test
    void aChangedWebhookIsMatchedOnItsNewEvents() {
        register("wh-1", "c-1", "order.confirmed");
        dispatcher.on(new WebhookChangedEvent("wh-1", "https://partner.example.com/v2", List.of("order.shipped"),
                "admin", NOW));
        placeAndConfirm("c-1", "event-1", ReplayStatus.REGULAR);

        dispatcher.on(new OrderShippedEvent(ORDER), "event-2", OCCURRED, ReplayStatus.REGULAR);

        assertThat(deliveries.of("wh-1", 10)).extracting(Delivery::event).containsExactly("order.shipped");
        assertThat(deliveries.of("wh-1", 10).get(0).body()).contains("\"orderNumber\":\"SO-2026-000007\"",
                "\"customerId\":\"c-1\"");
    }

    @Test
    void onlyThePaymentSettlingAnInvoiceIsAnnounced() {
        register("wh-1", null, "invoice.paid");

        dispatcher.on(payment("p-1", InvoiceStatus.PARTIALLY_PAID), "event-1", OCCURRED, ReplayStatus.REGULAR);
        dispatcher.on(payment("p-2", InvoiceStatus.PAID), "event-2", OCCURRED, ReplayStatus.REGULAR);

        assertThat(deliveries.of("wh-1", 10)).hasSize(1);
        assertThat(deliveries.of("wh-1", 10).get(0).body()).contains("\"paymentId\":\"p-2\"");
    }

    @Test
    void aCompletedRunReachesOnlyWebhooksOfEveryCustomer() {
        register("partner", "c-1", "run.completed");
        register("admin", null, "run.completed");

        dispatcher.on(new RunCompletedEvent("run-1", NOW, "duration elapsed"), "event-1", OCCURRED,
                ReplayStatus.REGULAR);

        assertThat(deliveries.of("partner", 10)).isEmpty();
        assertThat(deliveries.of("admin", 10)).hasSize(1);
    }

    @Test
    void aClaimedDeliveryIsNotDueAgainBeforeItsLeaseEnds() {
        register("wh-1", "c-1", "order.confirmed");
        placeAndConfirm("c-1", "event-1", ReplayStatus.REGULAR);

        assertThat(deliveries.claimDue(NOW, Duration.ofSeconds(30))).isPresent();
        assertThat(deliveries.claimDue(NOW.plusSeconds(29), Duration.ofSeconds(30))).isEmpty();
        assertThat(deliveries.claimDue(NOW.plusSeconds(30), Duration.ofSeconds(30))).isPresent();
    }

    private static PaymentRecordedEvent payment(String paymentId, InvoiceStatus status) {
        return new PaymentRecordedEvent("inv-1", paymentId, new BigDecimal("10.00"), new BigDecimal("10.00"),
                BigDecimal.ZERO, status, "admin", NOW);
    }
}
