package io.axle.launcher.benchmark;

import io.axle.api.order.OrderConfirmedEvent;
import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.OrderShippedEvent;
import io.axle.api.order.OrderStockReservedEvent;
import io.axle.api.order.ShippingAddress;
import io.axle.launcher.e2e.PostgresDatabase;
import io.axle.launcher.e2e.RunningAxle;
import io.axle.platform.messaging.Processors;
import io.axle.query.QuerySideApplication;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Rebuilds the orders projection from a store of {@code orders × 4} events (placed, stock reserved, confirmed,
 * shipped) while the query side runs, and measures its pace in events/s; beside it, in the same run and on the same
 * event store, the raw read rate (the events streamed from the store, as a processor gets them, nothing handled) and
 * the read-and-deserialize rate, with the ratios of the replay to each.
 *
 * <p>The query side runs alone (no saga, no command handler), so the events appended to build the store start no
 * process: they only feed the projections, as history does. Run with
 * {@code scripts/benchmark.sh replay [orders=50000] [embedded|postgres]}.
 */
public final class ReplayBenchmark {

    private static final int EVENTS_PER_ORDER = 4;
    private static final int APPEND_BATCH = 2_000;
    private static final Duration PATIENCE = Duration.ofMinutes(30);

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        String storage = args.length > 1 ? args[1] : "embedded";
        Path dataDir = Files.createTempDirectory("axle-replay-bench");
        PostgresDatabase database = "postgres".equals(storage) ? PostgresDatabase.create("axle_replay_bench") : null;
        try (RunningAxle axle = RunningAxle.start(QuerySideApplication.class, dataDir,
                database == null ? Map.of() : database.properties())) {
            EventStore eventStore = axle.bean(EventStore.class);
            TransactionManager transactions = axle.bean(TransactionManager.class);
            Processors processors = axle.bean(Processors.class);
            MongoTemplate mongo = axle.bean(MongoTemplate.class);

            long appendStart = System.nanoTime();
            long events = append(eventStore, transactions, orders);
            double appendSeconds = seconds(appendStart);
            long builtIn = awaitCaughtUp(processors, "orders");
            long rows = mongo.getCollection("orders").countDocuments();

            readRate(eventStore, false); // a first pass fills the database's and the OS's caches for both measures
            double rawRate = readRate(eventStore, false);
            double deserializedRate = readRate(eventStore, true);

            long replayStart = System.nanoTime();
            processors.replay("orders");
            awaitCaughtUp(processors, "orders");
            double replaySeconds = seconds(replayStart);
            double replayRate = events / replaySeconds;
            long rowsAfter = mongo.getCollection("orders").countDocuments();

            System.out.println();
            System.out.printf("Projection replay benchmark (%s event store, %d orders, %d events, %d cores)%n",
                    storage, orders, events, Runtime.getRuntime().availableProcessors());
            System.out.printf("  appended                          %10.0f events/s  (%.1f s, batches of %d)%n",
                    events / appendSeconds, appendSeconds, APPEND_BATCH);
            System.out.printf("  first build while appending       caught up %.1f s after the last append%n",
                    builtIn / 1000.0);
            System.out.printf("  raw read of the store             %10.0f events/s%n", rawRate);
            System.out.printf("  read and deserialize              %10.0f events/s%n", deserializedRate);
            System.out.printf("  replay of the orders projection   %10.0f events/s  (%.1f s; %d rows before, %d after)%n",
                    replayRate, replaySeconds, rows, rowsAfter);
            System.out.printf("  ratio replay : raw read           %10.3f%n", replayRate / rawRate);
            System.out.printf("  ratio replay : read+deserialize   %10.3f%n", replayRate / deserializedRate);
            if (rows != orders || rowsAfter != orders) {
                throw new IllegalStateException("the orders read model holds " + rows + " rows before the replay and "
                        + rowsAfter + " after, for " + orders + " orders");
            }
        } finally {
            if (database != null) {
                database.close();
            }
            FileSystemUtils.deleteRecursively(dataDir);
        }
        // Axon's janitor thread is not a daemon and would keep the JVM alive after the application has closed.
        System.exit(0);
    }

    /** Appends the events of {@code orders} orders, each order's four in sequence, in transactions of a batch. */
    private static long append(EventStore eventStore, TransactionManager transactions, int orders) {
        List<DomainEventMessage<?>> batch = new ArrayList<>(APPEND_BATCH);
        long appended = 0;
        Instant placedAt = Instant.now().minus(Duration.ofDays(365));
        for (int i = 0; i < orders; i++) {
            String orderId = UUID.randomUUID().toString();
            String customerId = "customer-" + (i % 500);
            BigDecimal total = BigDecimal.valueOf(990 + i % 1000, 2);
            List<OrderLine> lines = List.of(new OrderLine("BENCH-" + (i % 32), 1, total));
            ShippingAddress address = new ShippingAddress("Ada Lovelace", "1 rue de la Paix", "Lyon", "69001", "FR");
            String number = String.format("SO-2025-%06d", i + 1);
            batch.add(event(orderId, 0, new OrderPlacedEvent(orderId, customerId, "EUR", lines, address, total, number)));
            batch.add(event(orderId, 1, new OrderStockReservedEvent(orderId)));
            batch.add(event(orderId, 2, new OrderConfirmedEvent(orderId, customerId, total, "EUR")));
            batch.add(event(orderId, 3, new OrderShippedEvent(orderId)));
            if (batch.size() >= APPEND_BATCH || i == orders - 1) {
                List<DomainEventMessage<?>> toAppend = List.copyOf(batch);
                DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
                unitOfWork.attachTransaction(transactions);
                unitOfWork.execute(() -> eventStore.publish(toAppend));
                appended += toAppend.size();
                batch.clear();
            }
        }
        return appended;
    }

    private static DomainEventMessage<?> event(String orderId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Order", orderId, sequence, payload);
    }

    /** Waits until {@code name} has handled every event and is not replaying; answers the milliseconds it took. */
    private static long awaitCaughtUp(Processors processors, String name) throws InterruptedException {
        long start = System.nanoTime();
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Processors.Status status = processors.get(name);
            if (!status.replaying() && status.lagEvents() != null && status.lagEvents() == 0) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(name + " did not catch up within " + PATIENCE);
    }

    /** Events per second streamed from the first event to the last, deserializing each payload or not. */
    private static double readRate(EventStore eventStore, boolean deserialize) throws InterruptedException {
        long start = System.nanoTime();
        long read = 0;
        long head = eventStore.createHeadToken().position().orElse(-1);
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (true) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                if (deserialize) {
                    message.getPayload();
                }
                read++;
                if (message.trackingToken().position().orElse(-1) >= head) {
                    break;
                }
            }
        }
        return read / seconds(start);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
