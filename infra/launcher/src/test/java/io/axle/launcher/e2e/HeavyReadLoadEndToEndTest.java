package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.launcher.e2e.AxleClient.Answer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Readers do not starve the processing: while eight clients poll their orders every 10 ms (without a rate limit), new
 * orders are still confirmed, none is rejected for slowness, and the readers get answers (or a 503 problem asking them
 * to wait), never a 5xx of another kind.
 */
class HeavyReadLoadEndToEndTest {

    private static final int READERS = 8;
    private static final int ORDERS = 20;

    private final Path dataDir = AxleProcess.tempDataDir("axle-read-load");
    private AxleProcess axle;

    @AfterEach
    void cleanUp() {
        if (axle != null) {
            axle.close();
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    @Test
    void ordersAreConfirmedWhileEightClientsPollHard() throws Exception {
        axle = AxleProcess.start(dataDir, AxleProcess.freePort(), Map.of());
        AxleClient admin = axle.admin();
        String sku = "READ-" + UUID.randomUUID().toString().substring(0, 8);
        Catalogue.add(admin, sku);
        assertThat(admin.post("/api/v1/stock/" + sku + "/receipts", Map.of("quantity", 1_000)).status()).isEqualTo(202);
        String customerId = admin.post("/api/v1/customers", Map.of("name", "Reader", "email", "r@example.com",
                "country", "FR", "currency", "EUR", "creditLimit", 1_000_000)).body().get("id").asText();
        FulfilmentScenarios.await(() -> admin.get("/api/v1/customers/" + customerId).status() == 200, "customer");
        for (int i = 0; i < 30; i++) {
            admin.post("/api/v1/orders", FulfilmentScenarios.order(customerId, Map.of(sku, 1), "1.00"));
        }

        AtomicBoolean polling = new AtomicBoolean(true);
        AtomicLong answered = new AtomicLong();
        AtomicLong unexpected = new AtomicLong();
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        for (int r = 0; r < READERS; r++) {
            readers.submit(() -> {
                AxleClient reader = new AxleClient(axle.baseUrl()).withToken(admin.token());
                while (polling.get()) {
                    try {
                        int status = reader.get("/api/v1/orders?customerId=" + customerId + "&size=50").status();
                        if (status == 200 || status == 503) {
                            answered.incrementAndGet();
                        } else {
                            unexpected.incrementAndGet();
                        }
                    } catch (RuntimeException timedOut) {
                        unexpected.incrementAndGet();
                    }
                    FulfilmentScenarios.sleepQuietly(10);
                }
            });
        }
        try {
            List<String> placed = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                Answer answer = admin.post("/api/v1/orders", FulfilmentScenarios.order(customerId, Map.of(sku, 1), "1.00"));
                assertThat(answer.status()).isEqualTo(202);
                placed.add(answer.body().get("orderId").asText());
            }
            for (String orderId : placed) {
                FulfilmentScenarios.await(() -> "CONFIRMED".equals(status(admin, orderId)),
                        "order " + orderId + " confirmed under read load");
            }
        } finally {
            polling.set(false);
            readers.shutdown();
        }
        assertThat(answered.get()).as("reads answered").isPositive();
        assertThat(unexpected.get()).as("reads answered with anything but 200 or a 503 problem").isZero();
    }

    private static String status(AxleClient admin, String orderId) {
        Answer order = admin.get("/api/v1/orders/" + orderId);
        return order.status() == 200 ? order.body().get("status").asText() : "";
    }

}
