package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.axle.launcher.e2e.AxleClient.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The read store goes away for 20 s while orders keep coming, then comes back: no projection skips an event. Axle runs
 * as its own JVM against a MongoDB wire server run by this test on a file (an external read store, as in production);
 * the server is stopped, every connection dropped, and started again on the same file and port. Afterwards every
 * acknowledged order is in the read model with its final status, and the stock figures count exactly the acknowledged
 * orders.
 */
class ReadStoreOutageEndToEndTest {

    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final int STOCK = 10_000;

    private final Path dataDir = AxleProcess.tempDataDir("axle-read-store-outage");
    private final Path readStoreFile = dataDir.resolve("read-store.mv");
    private final int readStorePort = AxleProcess.freePort();
    private MongoServer readStore;
    private AxleProcess axle;

    @AfterEach
    void cleanUp() {
        if (axle != null) {
            axle.close();
        }
        stopReadStore();
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    @Test
    void everyAcknowledgedOrderIsInTheReadModelAfterTheReadStoreCameBack() throws Exception {
        startReadStore();
        axle = AxleProcess.start(dataDir, AxleProcess.freePort(), Map.of(
                "axle.mongo.embedded.enabled", "false",
                "spring.data.mongodb.uri", "mongodb://127.0.0.1:" + readStorePort
                        + "/axle?serverSelectionTimeoutMS=2000&connectTimeoutMS=2000",
                // The wire server does not answer the 'hello' command of Boot's MongoDB health check.
                "management.health.mongo.enabled", "false"));
        AxleClient admin = axle.admin();
        String sku = "OUT-" + UUID.randomUUID().toString().substring(0, 8);
        Catalogue.add(admin, sku);
        assertThat(admin.post("/api/v1/stock/" + sku + "/receipts", Map.of("quantity", STOCK)).status()).isEqualTo(202);
        String customerId = admin.post("/api/v1/customers", Map.of("name", "Outage Test", "email", "o@example.com",
                "country", "FR", "currency", "EUR", "creditLimit", 1_000_000)).body().get("id").asText();
        FulfilmentScenarios.await(() -> admin.get("/api/v1/customers/" + customerId).status() == 200,
                "customer readable");
        FulfilmentScenarios.await(() -> admin.get("/api/v1/stock/" + sku).status() == 200, "stock readable");

        List<String> acknowledged = new CopyOnWriteArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean placing = new AtomicBoolean(true);
        ExecutorService client = Executors.newSingleThreadExecutor();
        Future<?> orders = client.submit(() -> {
            while (placing.get()) {
                try {
                    Answer placed = admin.post("/api/v1/orders",
                            FulfilmentScenarios.order(customerId, Map.of(sku, 1), "2.00"));
                    if (placed.status() == 202) {
                        acknowledged.add(placed.body().get("orderId").asText());
                    } else {
                        refused.incrementAndGet();
                    }
                } catch (RuntimeException failed) {
                    refused.incrementAndGet();
                }
                FulfilmentScenarios.sleepQuietly(100);
            }
        });
        try {
            awaitCount(acknowledged, 10, "orders acknowledged before the outage");

            stopReadStore();
            int beforeOutage = acknowledged.size();
            Instant back = Instant.now().plus(OUTAGE);
            FulfilmentScenarios.await(() -> processorsDegraded(admin), "the health endpoint to report the processors "
                    + "degraded while the read store is away");
            while (Instant.now().isBefore(back)) {
                FulfilmentScenarios.sleepQuietly(200);
            }
            int duringOutage = acknowledged.size() - beforeOutage;
            startReadStore();

            awaitCount(acknowledged, acknowledged.size() + 10, "orders acknowledged after the read store came back");
            assertThat(duringOutage).as("orders acknowledged while the read store was away").isPositive();
        } finally {
            placing.set(false);
            orders.get();
            client.shutdown();
        }

        for (String orderId : acknowledged) {
            FulfilmentScenarios.await(() -> {
                Answer order = admin.get("/api/v1/orders/" + orderId);
                return order.status() == 200 && "CONFIRMED".equals(order.body().get("status").asText());
            }, "acknowledged order " + orderId + " in the read model as CONFIRMED");
        }
        int count = acknowledged.size();
        FulfilmentScenarios.await(() -> {
            JsonNode level = admin.get("/api/v1/stock/" + sku).body();
            return level.get("reserved").asInt() == count && level.get("available").asInt() == STOCK - count;
        }, "stock of " + sku + " to count exactly the " + count + " acknowledged orders");
        JsonNode level = admin.get("/api/v1/stock/" + sku).body();
        assertThat(level.get("onHand").asInt()).isEqualTo(STOCK);
        assertThat(admin.get("/api/v1/orders?customerId=" + customerId + "&size=1").body().get("totalElements").asInt())
                .isEqualTo(count);
        FulfilmentScenarios.await(() -> !processorsDegraded(admin), "the processors to be healthy again");
    }

    private static boolean processorsDegraded(AxleClient admin) {
        try {
            Answer health = admin.get("/actuator/health");
            return health.body() != null && "DEGRADED".equals(health.body().at("/components/eventProcessors/status")
                    .asText());
        } catch (RuntimeException unreachable) {
            return false;
        }
    }

    private synchronized void startReadStore() {
        readStore = new MongoServer(new H2Backend(readStoreFile.toString()));
        readStore.bind("127.0.0.1", readStorePort);
    }

    /** Stops accepting connections and drops the open ones; the backend flushes its file on close. */
    private synchronized void stopReadStore() {
        if (readStore != null) {
            readStore.shutdownNow();
            readStore = null;
        }
    }

    private static void awaitCount(List<String> acknowledged, int atLeast, String what) {
        FulfilmentScenarios.await(() -> acknowledged.size() >= atLeast, atLeast + " " + what);
    }

}
