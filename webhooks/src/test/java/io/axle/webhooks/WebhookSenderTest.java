package io.axle.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.sun.net.httpserver.HttpServer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.axle.api.order.OrderConfirmedEvent;
import io.axle.api.webhook.WebhookRegisteredEvent;
import io.axle.api.webhook.WebhookRemovedEvent;
import io.axle.webhooks.WebhookDeliveries.Attempt;
import io.axle.webhooks.WebhookDeliveries.Delivery;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.ReplayStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** One sending round against a receiver on 127.0.0.1, with the delivery log on the MongoDB wire server. */
class WebhookSenderTest {

    private static final String SECRET = "0123456789abcdef";

    private final List<String> signatures = new CopyOnWriteArrayList<>();
    private final WebhookProperties properties = new WebhookProperties();
    private HttpServer receiver;
    private MongoServer server;
    private MongoClient client;
    private WebhookDispatcher dispatcher;
    private WebhookDeliveries deliveries;
    private WebhookSender sender;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            signatures.add(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        MongoTemplate mongo = new MongoTemplate(client, "axle-webhook-sender-test");
        WebhookSubscriptions subscriptions = new WebhookSubscriptions(mongo);
        WebhookSecrets secrets = new WebhookSecrets(mongo);
        secrets.put("wh-1", SECRET);
        deliveries = new WebhookDeliveries(mongo);
        dispatcher = new WebhookDispatcher(subscriptions, new WebhookFacts(mongo), deliveries, new ObjectMapper(),
                Clock.systemUTC());
        properties.setInitialBackoff(Duration.ofMinutes(1));
        sender = new WebhookSender(deliveries, subscriptions, secrets, properties, Clock.systemUTC());
        dispatcher.on(new WebhookRegisteredEvent("wh-1", null, "http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/hooks", List.of("order.confirmed"), "admin", Instant.now()));
        dispatcher.on(new OrderConfirmedEvent("o-1", "c-1", BigDecimal.TEN, "EUR"), "event-1", Instant.now(),
                ReplayStatus.REGULAR);
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        client.close();
        server.shutdownNow();
    }

    private Delivery delivery() {
        return deliveries.of("wh-1", 1).get(0);
    }

    @Test
    void postsTheDeliverySignedAndLogsItDelivered() {
        properties.setAllowPrivateAddresses(true);

        sender.sendDue();

        assertThat(signatures).containsExactly(WebhookSignature.of(delivery().body(), SECRET));
        assertThat(delivery().status()).isEqualTo("DELIVERED");
        assertThat(delivery().attempts()).extracting(Attempt::status).containsExactly(200);
    }

    @Test
    void aUrlThatNowResolvesToAPrivateAddressIsNotPostedWhereTheyAreRefused() {
        properties.setAllowPrivateAddresses(false);

        sender.sendDue();

        assertThat(signatures).isEmpty();
        assertThat(delivery().status()).isEqualTo("PENDING");
        assertThat(delivery().attempts()).singleElement()
                .satisfies(attempt -> assertThat(attempt.error()).contains("public-address"));
        assertThat(delivery().nextAttemptAt()).isAfter(Instant.now().plusSeconds(50));
    }

    @Test
    void aDeliveryToARemovedWebhookIsDeadAtOnce() {
        dispatcher.on(new WebhookRemovedEvent("wh-1", "admin", Instant.now()));

        sender.sendDue();

        assertThat(signatures).isEmpty();
        assertThat(delivery().status()).isEqualTo("DEAD");
        assertThat(delivery().attempts()).extracting(Attempt::error).containsExactly("the webhook was removed");
    }
}
