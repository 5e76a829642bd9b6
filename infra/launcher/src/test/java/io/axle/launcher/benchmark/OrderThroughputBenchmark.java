package io.axle.launcher.benchmark;

import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.Catalogue;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.PostgresDatabase;
import io.axle.launcher.e2e.RunningAxle;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.util.FileSystemUtils;

/**
 * Places orders over HTTP from concurrent clients on a booted application and measures orders/s and the latency
 * from the POST to CONFIRMED in the read model; beside it, the raw commit rate of the same event store database
 * for single-row transactions at the same concurrency, and the ratio of the two.
 *
 * <p>Run with {@code scripts/benchmark.sh [clients] [orders] [embedded|postgres]}.
 */
public final class OrderThroughputBenchmark {

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int orders = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        String storage = args.length > 2 ? args[2] : "embedded";
        int warmUp = Math.max(100, orders / 10);

        Path dataDir = Files.createTempDirectory("axle-bench");
        PostgresDatabase database = "postgres".equals(storage) ? PostgresDatabase.create("axle_bench") : null;
        try (RunningAxle axle = RunningAxle.start(dataDir, database == null ? Map.of() : database.properties())) {
            AxleClient admin = axle.admin();
            String customerId = admin.post("/api/v1/customers", Map.of("name", "Benchmark Motors",
                    "email", "bench@example.com", "country", "FR", "currency", "EUR",
                    "creditLimit", new BigDecimal("1000000000"))).body().get("id").asText();
            List<String> skus = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String sku = "BENCH-" + i;
                Catalogue.add(admin, sku, "9.90", "EUR");
                admin.post("/api/v1/stock/" + sku + "/receipts", Map.of("quantity", 1_000_000));
                skus.add(sku);
            }
            awaitReadable(admin, "/api/v1/customers/" + customerId);
            awaitReadable(admin, "/api/v1/stock/" + skus.get(skus.size() - 1));

            run(admin, customerId, skus, clients, warmUp);
            Result result = run(admin, customerId, skus, clients, orders);
            double commits = rawCommitRate(axle.bean(DataSource.class), clients, Math.max(2000, orders * 2));

            System.out.println();
            System.out.printf("Order fulfilment benchmark (%s event store, %d clients, %d orders, %d cores)%n",
                    storage, clients, orders, Runtime.getRuntime().availableProcessors());
            System.out.printf("  orders confirmed/s          %10.1f  (%d confirmed, %d not confirmed)%n",
                    result.ordersPerSecond(), result.confirmed(), orders - result.confirmed());
            System.out.printf("  POST -> CONFIRMED in read model: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    result.percentile(50), result.percentile(95), result.percentile(99), result.percentile(100));
            System.out.printf("  raw single-row commits/s    %10.1f  (same database, %d threads)%n", commits, clients);
            System.out.printf("  ratio orders/s : commits/s  %10.3f  (an order commits %d transactions of events)%n",
                    result.ordersPerSecond() / commits, TRANSACTIONS_PER_ORDER);
            System.out.printf("  ratio event transactions/s : commits/s %.3f%n",
                    result.ordersPerSecond() * TRANSACTIONS_PER_ORDER / commits);
        } finally {
            if (database != null) {
                database.close();
            }
            FileSystemUtils.deleteRecursively(dataDir);
        }
    }

    /**
     * Place, reserve stock, mark reserved, reserve credit, confirm: five command transactions per single-line order
     * (each command appends its events in one transaction).
     */
    private static final int TRANSACTIONS_PER_ORDER = 5;

    record Result(double ordersPerSecond, int confirmed, double[] latenciesMillis) {
        double percentile(int p) {
            if (latenciesMillis.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesMillis.length) - 1;
            return latenciesMillis[Math.max(0, Math.min(index, latenciesMillis.length - 1))];
        }
    }

    private static Result run(AxleClient admin, String customerId, List<String> skus, int clients, int orders)
            throws Exception {
        Map<String, CompletableFuture<Long>> confirmations = new ConcurrentHashMap<>();
        try (ConfirmationStream stream = ConfirmationStream.open(admin, confirmations)) {
            AtomicInteger next = new AtomicInteger();
            AtomicInteger confirmed = new AtomicInteger();
            long[] latencies = new long[orders];
            Arrays.fill(latencies, -1);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < orders) {
                        String orderId = UUID.randomUUID().toString();
                        long sent = System.nanoTime();
                        Answer placed = admin.post("/api/v1/orders", Map.of("customerId", customerId, "currency", "EUR",
                                "lines", List.of(Map.of("sku", skus.get(i % skus.size()), "quantity", 1,
                                        "unitPrice", new BigDecimal("9.90"))),
                                "shippingAddress", Map.of("recipient", "Bench", "street", "1 rue du Test",
                                        "city", "Paris", "postalCode", "75001", "country", "FR")),
                                Map.of("Idempotency-Key", orderId));
                        if (placed.status() != 202) {
                            continue;
                        }
                        CompletableFuture<Long> confirmation = confirmations.computeIfAbsent(
                                placed.body().get("orderId").asText(), id -> new CompletableFuture<>());
                        try {
                            latencies[i] = confirmation.get(60, TimeUnit.SECONDS) - sent;
                            confirmed.incrementAndGet();
                        } catch (TimeoutException notConfirmed) {
                            // counted as not confirmed
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            double[] millis = Arrays.stream(latencies).filter(l -> l >= 0).mapToDouble(l -> l / 1e6).sorted().toArray();
            return new Result(confirmed.get() / seconds, confirmed.get(), millis);
        }
    }

    /**
     * Listens on {@code /api/v1/orders/updates} (server-sent events fed by the read model's subscription queries) and
     * completes each order's future with the arrival time of its CONFIRMED summary.
     */
    private static final class ConfirmationStream implements AutoCloseable {

        private static final ObjectMapper JSON = new ObjectMapper();
        private final Thread reader;
        private final CompletableFuture<HttpResponse<Stream<String>>> response;

        private ConfirmationStream(Thread reader, CompletableFuture<HttpResponse<Stream<String>>> response) {
            this.reader = reader;
            this.response = response;
        }

        static ConfirmationStream open(AxleClient admin, Map<String, CompletableFuture<Long>> confirmations)
                throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(admin.baseUrl() + "/api/v1/orders/updates"))
                    .header("Authorization", "Bearer " + admin.token())
                    .header("Accept", "text/event-stream")
                    .build();
            CompletableFuture<HttpResponse<Stream<String>>> response =
                    HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            Stream<String> lines = response.get(30, TimeUnit.SECONDS).body();
            Thread reader = new Thread(() -> lines.forEach(line -> {
                if (line.startsWith("data:") && line.contains("\"CONFIRMED\"")) {
                    long now = System.nanoTime();
                    try {
                        String orderId = JSON.readTree(line.substring(5)).get("orderId").asText();
                        confirmations.computeIfAbsent(orderId, id -> new CompletableFuture<>()).complete(now);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }), "benchmark-sse");
            reader.setDaemon(true);
            reader.start();
            return new ConfirmationStream(reader, response);
        }

        @Override
        public void close() {
            response.cancel(true);
            reader.interrupt();
        }
    }

    /** Single-row insert transactions from {@code threads} threads on the event store's own database. */
    static double rawCommitRate(DataSource dataSource, int threads, int rows) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS bench_commit (id BIGINT PRIMARY KEY, payload VARCHAR(255))");
            statement.execute("DELETE FROM bench_commit");
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                try (Connection connection = dataSource.getConnection();
                     PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_commit VALUES (?, ?)")) {
                    connection.setAutoCommit(false);
                    long id;
                    while ((id = next.getAndIncrement()) < rows) {
                        insert.setLong(1, id);
                        insert.setString(2, "payload-" + id);
                        insert.executeUpdate();
                        connection.commit();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE bench_commit");
        }
        return rows / seconds;
    }

    private static void awaitReadable(AxleClient client, String path) throws InterruptedException {
        for (int i = 0; i < 600 && client.get(path).status() != 200; i++) {
            Thread.sleep(50);
        }
    }

    private OrderThroughputBenchmark() {
    }
}
