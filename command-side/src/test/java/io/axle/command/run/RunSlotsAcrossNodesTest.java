package io.axle.command.run;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.axle.api.common.Refusal;
import io.axle.api.run.InterruptAllRunsCommand;
import io.axle.api.run.ReleaseRunSlotCommand;
import io.axle.api.run.RunSlots;
import io.axle.api.run.RunView;
import io.axle.api.run.StartRunCommand;
import io.axle.command.CommandRefusalInterceptor;
import io.axle.platform.messaging.ConcurrencyRetryPolicy;
import jakarta.persistence.EntityManagerFactory;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.SimpleEntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLErrorCodesResolver;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes, each with its own Axon configuration, command bus and JPA event store, sharing one PostgreSQL database
 * (the machine's, at 127.0.0.1:5432): the cap holds under concurrent starts on both, a conflict between them is
 * retried against fresh state (nothing is cached), and a slot freed on one node is free on the other at once.
 */
class RunSlotsAcrossNodesTest {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String USER = System.getProperty("axle.test.postgres.user", "postgres");
    private static final int STARTS = 50;
    /** Few connections and frequent snapshots: a snapshot taken while the slots' lock is held would starve the pool. */
    private static final int POOL_SIZE = 3;
    private static final int SNAPSHOT_THRESHOLD = 2;

    private final String database = "axle_run_slots_" + Long.toString(System.nanoTime(), 36);
    private final List<Node> nodes = new ArrayList<>();

    @BeforeEach
    void startTwoNodes() throws SQLException {
        admin("CREATE DATABASE " + database);
        nodes.add(new Node("node-a"));
        nodes.add(new Node("node-b"));
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(Node::close);
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void fiftyConcurrentStartsOnTwoNodesStartExactlyFiveRuns() throws Exception {
        List<String> started = new CopyOnWriteArrayList<>();
        List<Refusal> refused = new CopyOnWriteArrayList<>();
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            Node node = nodes.get(i % 2);
            String runId = "run-" + i;
            calls.add(clients.submit(() -> {
                go.await();
                try {
                    RunView run = RunCommandController.<RunView>sendToSlots(node.gateway, start(runId));
                    started.add(run.id());
                } catch (CommandExecutionException e) {
                    Optional<Object> details = e.getDetails();
                    details.filter(Refusal.class::isInstance).map(Refusal.class::cast).ifPresentOrElse(refused::add,
                            () -> unexpected.add(e));
                } catch (RuntimeException e) {
                    unexpected.add(e);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> call : calls) {
            call.get();
        }
        clients.shutdown();

        assertThat(unexpected).isEmpty();
        assertThat(started).hasSize(RunSlots.CAPACITY);
        assertThat(refused).hasSize(STARTS - RunSlots.CAPACITY)
                .allSatisfy(refusal -> assertThat(refusal.rule()).isEqualTo("max-running-runs"));
        assertThat(storedEvents("RunSlotClaimedEvent")).isEqualTo(RunSlots.CAPACITY);
        assertThat(storedRunStarts()).containsExactlyInAnyOrderElementsOf(started);
    }

    @Test
    void aSlotFreedOnOneNodeIsFreeOnTheOtherAtOnce() {
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        List<String> nothingYet = a.gateway.sendAndWait(new InterruptAllRunsCommand(RunSlots.ID, "ops"));
        assertThat(nothingYet).isEmpty();
        for (int i = 1; i <= RunSlots.CAPACITY; i++) {
            RunCommandController.<RunView>sendToSlots(i % 2 == 0 ? a.gateway : b.gateway, start("run-" + i));
        }
        assertThat(refusalOf(() -> a.gateway.sendAndWait(start("run-6"))).rule()).isEqualTo("max-running-runs");

        b.gateway.sendAndWait(new ReleaseRunSlotCommand(RunSlots.ID, "run-2"));
        RunView sixth = a.gateway.sendAndWait(start("run-6"));

        assertThat(sixth.id()).isEqualTo("run-6");
        assertThat(refusalOf(() -> b.gateway.sendAndWait(start("run-7"))).detail())
                .endsWith("held by run-1, run-3, run-4, run-5, run-6");
        List<String> holders = b.gateway.sendAndWait(new InterruptAllRunsCommand(RunSlots.ID, "ops"));
        assertThat(holders).containsExactly("run-1", "run-3", "run-4", "run-5", "run-6");
    }

    @Test
    void theSlotsLoadFromJacksonSnapshotsOnEitherNode() throws InterruptedException {
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        for (int i = 1; i <= 8; i++) {
            RunCommandController.<RunView>sendToSlots(a.gateway, start("run-" + i));
            b.gateway.sendAndWait(new ReleaseRunSlotCommand(RunSlots.ID, "run-" + i));
        }
        awaitSnapshot();
        RunCommandController.<RunView>sendToSlots(b.gateway, start("run-9"));

        List<String> holders = a.gateway.sendAndWait(new InterruptAllRunsCommand(RunSlots.ID, "ops"));
        assertThat(holders).containsExactly("run-9");
    }

    private static StartRunCommand start(String runId) {
        return new StartRunCommand(RunSlots.ID, runId, "alice", 60, 5, Map.of("sensors", 2));
    }

    private static Refusal refusalOf(Runnable command) {
        try {
            command.run();
        } catch (CommandExecutionException e) {
            return e.<Refusal>getDetails().orElseThrow();
        }
        throw new AssertionError("expected a refusal");
    }

    private int storedEvents(String type) throws SQLException {
        return count("SELECT count(*) FROM domain_event_entry WHERE payload_type = 'io.axle.api.run." + type + "'");
    }

    private List<String> storedRunStarts() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url(), USER, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT aggregate_identifier FROM domain_event_entry "
                     + "WHERE payload_type = 'io.axle.api.run.RunStartedEvent'")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private void awaitSnapshot() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (storedSnapshots() == 0) {
            assertThat(System.nanoTime()).as("a snapshot of the slots within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private int storedSnapshots() {
        try {
            return count("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = '"
                    + RunSlots.ID + "'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), USER, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private String url() {
        return "jdbc:postgresql://127.0.0.1:5432/" + database;
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 refused '" + sql + "': " + e.getMessage(), e);
        }
    }

    /**
     * One application node as the command side wires it, with the two changes this test found necessary: JPA event
     * storage with the bytea dialect and Axon's duplicate-key detection; both aggregates as their annotations
     * configure them (RunSlots snapshotted, here every {@value #SNAPSHOT_THRESHOLD} events, nothing cached); the
     * refusal interceptor; a gateway retrying what {@link ConcurrencyRetryPolicy} allows, 3 times 50 ms apart, judged
     * on the whole failure ({@link ConcurrencyRetryScheduler}); and snapshots taken on a background thread, because
     * taken in the command's thread after commit they need a second connection while the slots' lock is held.
     */
    private final class Node implements AutoCloseable {

        private final HikariDataSource dataSource;
        private final EntityManagerFactory entityManagerFactory;
        private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
        private final ExecutorService snapshots = Executors.newSingleThreadExecutor();
        private final Configuration axon;
        private final CommandGateway gateway;

        Node(String name) throws SQLException {
            dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(url());
            dataSource.setUsername(USER);
            dataSource.setMaximumPoolSize(POOL_SIZE);
            dataSource.setConnectionTimeout(5_000);
            dataSource.setPoolName(name);

            LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
            factory.setDataSource(dataSource);
            factory.setPersistenceUnitName(name);
            factory.setPackagesToScan("org.axonframework.eventsourcing.eventstore.jpa");
            factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
            factory.setJpaPropertyMap(Map.of(
                    "hibernate.hbm2ddl.auto", "update",
                    "hibernate.dialect", "io.axle.platform.storage.ByteaPostgreSQLDialect",
                    "hibernate.physical_naming_strategy", CamelCaseToUnderscoresNamingStrategy.class.getName(),
                    "hibernate.implicit_naming_strategy", SpringImplicitNamingStrategy.class.getName()));
            factory.afterPropertiesSet();
            entityManagerFactory = factory.getObject();

            TransactionManager transactions = new SpringTransactionManager(
                    new JpaTransactionManager(entityManagerFactory));
            JacksonSerializer serializer = JacksonSerializer.builder()
                    .objectMapper(JsonMapper.builder().findAndAddModules().build())
                    .build();
            PersistenceExceptionResolver duplicateKeys = new SQLErrorCodesResolver(dataSource);
            JpaEventStorageEngine storage = JpaEventStorageEngine.builder()
                    .entityManagerProvider(new SimpleEntityManagerProvider(
                            SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory)))
                    .transactionManager(transactions)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .persistenceExceptionResolver(duplicateKeys)
                    .build();

            axon = DefaultConfigurer.defaultConfiguration(false)
                    .registerComponent(Snapshotter.class, c -> AggregateSnapshotter.builder()
                            .eventStore(c.eventStore())
                            .transactionManager(transactions)
                            .repositoryProvider(c::repository)
                            .aggregateFactories(c.findModules(AggregateConfiguration.class).stream()
                                    .<AggregateFactory<?>>map(AggregateConfiguration::aggregateFactory)
                                    .toList())
                            .executor(snapshots)
                            .build())
                    .configureSerializer(c -> serializer)
                    .configureTransactionManager(c -> transactions)
                    .configureEmbeddedEventStore(c -> storage)
                    .configureAggregate(AggregateConfigurer.defaultConfiguration(io.axle.command.run.RunSlots.class)
                            .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                                    SNAPSHOT_THRESHOLD)))
                    .configureAggregate(SimulationRun.class)
                    .buildConfiguration();
            axon.start();
            axon.commandBus().registerHandlerInterceptor(new CommandRefusalInterceptor());
            gateway = DefaultCommandGateway.builder()
                    .commandBus(axon.commandBus())
                    .retryScheduler(new ConcurrencyRetryScheduler(IntervalRetryScheduler.builder()
                            .retryExecutor(retries)
                            .maxRetryCount(3)
                            .retryInterval(50)))
                    .build();
        }

        @Override
        public void close() {
            axon.shutdown();
            retries.shutdownNow();
            snapshots.shutdownNow();
            entityManagerFactory.close();
            dataSource.close();
        }
    }

    /**
     * Judges a failure as a whole with {@link ConcurrencyRetryPolicy}. Axon's own check also applies the predicate to
     * every cause, so the database exception under a real {@code ConcurrencyException} vetoes the retry; the
     * platform's retry scheduler needs the same override.
     */
    private static final class ConcurrencyRetryScheduler extends IntervalRetryScheduler {

        ConcurrencyRetryScheduler(IntervalRetryScheduler.Builder builder) {
            super(builder);
        }

        @Override
        protected boolean isExplicitlyNonTransient(Throwable failure) {
            return !ConcurrencyRetryPolicy.isRetryable(failure);
        }
    }
}
