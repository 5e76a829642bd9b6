package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.platform.messaging.ProcessorProgress;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Blue/green on the booted application (ADR 0020): the second version of the products read model is rebuilt from the
 * first event beside the first while a client reads the product list without a pause; every answer is complete and of
 * one version, the old shape until the switch and the new one (with the previous price) after it; then the old
 * version's collection and tokens are gone. The switch is manual here, so that the test starts the rebuild itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlueGreenProjectionEndToEndTest {

    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final int PRODUCTS = 150;
    private static final BigDecimal FIRST = new BigDecimal("10.00");
    private static final BigDecimal SECOND = new BigDecimal("11.00");
    private static final BigDecimal THIRD = new BigDecimal("12.00");

    /** What one answer of the list showed. */
    private enum Shape { OLD, NEW }

    private Path dataDir;
    private RunningAxle axle;
    private AxleClient admin;

    @BeforeAll
    void boot() throws IOException {
        dataDir = Files.createTempDirectory("axle-e2e-bluegreen");
        axle = RunningAxle.start(dataDir, Map.of("axle.mqtt.embedded.start-timeout", "5m",
                "axle.projections.products.switch", "manual"));
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
    void queriesAnswerFromTheOldVersionUntilTheNewOneCaughtUpThenFromTheNewOneAlone() throws Exception {
        String prefix = "BG" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String list = "/api/v1/products?q=" + prefix + "&sort=sku,asc&size=" + PRODUCTS;
        storeWithPriceHistories(prefix);
        await().atMost(SETTLE).until(() -> shape(admin.get(list)) == Shape.OLD);
        await().atMost(SETTLE).until(() -> Boolean.TRUE.equals(caughtUp(processor("products-v2"))));

        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        List<Shape> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean reading = new AtomicBoolean(true);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Future<?> readerDone = reader.submit(() -> {
            AxleClient client = new AxleClient(axle.baseUrl()).withToken(admin.token());
            while (reading.get()) {
                Answer answer = client.get(list);
                Shape shape = shape(answer);
                if (shape == null) {
                    wrong.add(answer.status() + " " + answer.raw().body());
                } else {
                    seen.add(shape);
                }
            }
        });
        try {
            Answer rebuild = admin.post("/api/v1/admin/processors/products-v2/replay", Map.of());
            assertThat(rebuild.status()).as(rebuild.raw().body()).isEqualTo(202);
            JsonNode version = rebuild.body().get("version");
            assertThat(version.get("projection").asText()).isEqualTo("products");
            assertThat(version.get("role").asText()).isEqualTo("PENDING");
            assertThat(version.get("active").asText()).isEqualTo("products");
            assertThat(version.get("switchMode").asText()).isEqualTo("MANUAL");
            assertThat(version.get("build").get("percent").asDouble()).isBetween(0.0, 100.0);

            Answer early = admin.post("/api/v1/admin/projections/products/switch", Map.of());
            assertThat(early.status()).as(early.raw().body()).isEqualTo(409);
            assertThat(early.body().get("field").asText()).isEqualTo("name");
            assertThat(early.body().get("rule").asText()).isEqualTo("not-caught-up");

            Answer[] switched = new Answer[1];
            await().atMost(SETTLE).pollInterval(Duration.ofMillis(200)).until(() -> {
                switched[0] = admin.post("/api/v1/admin/projections/products/switch", Map.of());
                return switched[0].status() == 200;
            });
            assertThat(switched[0].body().get("active").asText()).isEqualTo("products-v2");
            assertThat(switched[0].body().get("pending").isNull()).isTrue();
            int atSwitch = seen.size();
            await().atMost(SETTLE).until(() -> seen.size() > atSwitch + 20);
        } finally {
            reading.set(false);
            readerDone.get();
            reader.shutdown();
        }

        assertThat(wrong).as("answers that were not the whole list of one version").isEmpty();
        assertThat(seen).first().isEqualTo(Shape.OLD);
        assertThat(seen).last().isEqualTo(Shape.NEW);
        int firstNew = seen.indexOf(Shape.NEW);
        assertThat(seen.subList(firstNew, seen.size())).as("never the old version again").containsOnly(Shape.NEW);

        MongoTemplate readStore = axle.bean(MongoTemplate.class);
        ProcessorProgress progress = axle.bean(ProcessorProgress.class);
        await().atMost(SETTLE).untilAsserted(() -> {
            assertThat(readStore.collectionExists("products")).as("old collection dropped").isFalse();
            assertThat(progress.segments("products", Duration.ofSeconds(10))).as("old tokens deleted").isEmpty();
            JsonNode old = processor("products");
            assertThat(old.get("running").asBoolean()).isFalse();
            assertThat(old.get("version").get("role").asText()).isEqualTo("RETIRED");
        });
        JsonNode projections = admin.get("/api/v1/admin/projections").body();
        assertThat(projections).hasSize(1);
        assertThat(projections.get(0).get("active").asText()).isEqualTo("products-v2");

        String sku = prefix + "-000";
        Answer changed = admin.put("/api/v1/products/" + sku + "/price", Map.of("unitPrice", new BigDecimal("13.00")));
        assertThat(changed.status()).as(changed.raw().body()).isIn(200, 202);
        await().atMost(SETTLE).untilAsserted(() -> {
            JsonNode product = admin.get("/api/v1/products/" + sku).body();
            assertThat(product.get("unitPrice").decimalValue()).isEqualByComparingTo("13.00");
            assertThat(product.get("previousUnitPrice").decimalValue()).isEqualByComparingTo(THIRD);
        });
    }

    /** {@link #PRODUCTS} products created at 10.00 and changed to 11.00 then 12.00: three events each. */
    private void storeWithPriceHistories(String prefix) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> products = new ArrayList<>();
            for (int i = 0; i < PRODUCTS; i++) {
                String sku = "%s-%03d".formatted(prefix, i);
                products.add(() -> {
                    Catalogue.add(admin, sku, FIRST.toPlainString(), "EUR");
                    for (BigDecimal price : List.of(SECOND, THIRD)) {
                        Answer changed = admin.put("/api/v1/products/" + sku + "/price", Map.of("unitPrice", price));
                        assertThat(changed.status()).as(changed.raw().body()).isIn(200, 202);
                    }
                    return null;
                });
            }
            for (Future<Void> done : writers.invokeAll(products)) {
                done.get();
            }
        } finally {
            writers.shutdown();
        }
    }

    /**
     * The version a list answer came from, or null when it is not the whole list of one version: every product at
     * its last price with its full history, and either none (old) or every one (new) with the price it replaced.
     */
    private static Shape shape(Answer answer) {
        if (answer.status() != 200 || answer.body().get("totalElements").asInt() != PRODUCTS) {
            return null;
        }
        JsonNode content = answer.body().get("content");
        int withPrevious = 0;
        for (JsonNode product : content) {
            if (product.get("unitPrice").decimalValue().compareTo(THIRD) != 0
                    || product.get("priceHistory").size() != 3) {
                return null;
            }
            JsonNode previous = product.path("previousUnitPrice");
            if (!previous.isMissingNode() && !previous.isNull()) {
                if (previous.decimalValue().compareTo(SECOND) != 0 || product.path("priceChangedAt").isNull()) {
                    return null;
                }
                withPrevious++;
            }
        }
        if (content.size() != PRODUCTS) {
            return null;
        }
        return withPrevious == 0 ? Shape.OLD : withPrevious == PRODUCTS ? Shape.NEW : null;
    }

    private static Boolean caughtUp(JsonNode processor) {
        JsonNode version = processor.get("version");
        return version == null || version.isNull() ? null : version.get("caughtUp").asBoolean();
    }

    private JsonNode processor(String name) {
        Answer list = admin.get("/api/v1/admin/processors");
        assertThat(list.status()).isEqualTo(200);
        return StreamSupport.stream(list.body().spliterator(), false)
                .filter(processor -> name.equals(processor.get("name").asText())).findFirst().orElseThrow();
    }
}
