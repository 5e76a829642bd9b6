package io.axle.command.invoice;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.axle.api.common.Refusal;
import io.axle.api.invoice.AllocateInvoiceNumberCommand;
import io.axle.api.invoice.InvoiceNumberSequences;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes, each with its own Axon configuration, command bus and JPA event store, sharing one PostgreSQL database
 * (the machine's, at 127.0.0.1:5432), wired as in {@code RunSlotsAcrossNodesTest}: 200 invoices asking for a number
 * at once through {@link InvoiceNumbers#allocate}, half on each node, take the numbers 1 to 200 exactly once, and an invoice asking again on either node gets
 * its own number back.
 */
class InvoiceNumberingAcrossNodesTest {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String USER = System.getProperty("axle.test.postgres.user", "postgres");
    private static final int INVOICES = 200;
    private static final int POOL_SIZE = 3;
    /** Frequent snapshots, so loads from a snapshot interleave with the allocations. */
    private static final int SNAPSHOT_THRESHOLD = 25;
    /** The gateway's own retries of a conflict, as the other across-nodes test; {@link InvoiceNumbers} adds its own. */
    private static final int RETRIES = 3;
    private static final String COMPANY = "acme";
    private static final int YEAR = 2026;
    private static final String SEQUENCE = InvoiceNumberSequences.id(COMPANY, YEAR);

    private final String database = "axle_invoice_numbers_" + Long.toString(System.nanoTime(), 36);
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
    void twoHundredConcurrentAllocationsOnTwoNodesTakeOneToTwoHundredExactlyOnce() throws Exception {
        Map<String, String> numbers = new ConcurrentHashMap<>();
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < INVOICES; i++) {
            Node node = nodes.get(i % 2);
            String invoiceId = "inv-" + i;
            calls.add(clients.submit(() -> {
                go.await();
                try {
                    String number = InvoiceNumbers.allocate(node.gateway, COMPANY, YEAR, invoiceId);
                    numbers.put(invoiceId, number);
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
        List<String> expected = LongStream.rangeClosed(1, INVOICES)
                .mapToObj(sequence -> InvoiceNumberSequences.format(YEAR, sequence)).toList();
        assertThat(numbers).hasSize(INVOICES);
        assertThat(numbers.values()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(storedNumbers()).containsExactlyElementsOf(expected);

        for (int i = 0; i < INVOICES; i += 7) {
            String invoiceId = "inv-" + i;
            String again = InvoiceNumbers.allocate(nodes.get((i + 1) % 2).gateway, COMPANY, YEAR, invoiceId);
            assertThat(again).as("number of %s asked again on the other node", invoiceId)
                    .isEqualTo(numbers.get(invoiceId));
        }
        assertThat(storedNumbers()).hasSize(INVOICES);
        String next = InvoiceNumbers.allocate(nodes.get(0).gateway, COMPANY, YEAR, "inv-late");
        assertThat(next).isEqualTo(InvoiceNumberSequences.format(YEAR, INVOICES + 1));
    }

    @Test
    void aRefusalOnOneNodeTakesNoNumber() {
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        String first = a.gateway.sendAndWait(allocate("inv-1"));
        try {
            b.gateway.sendAndWait(new AllocateInvoiceNumberCommand(SEQUENCE, "globex", YEAR, "inv-2"));
            throw new AssertionError("expected a refusal");
        } catch (CommandExecutionException e) {
            assertThat(e.<Refusal>getDetails().orElseThrow().rule()).isEqualTo("invoice-number-sequence-id");
        }
        String second = b.gateway.sendAndWait(allocate("inv-2"));

        assertThat(first).isEqualTo("INV-2026-000001");
        assertThat(second).isEqualTo("INV-2026-000002");
    }

    private static AllocateInvoiceNumberCommand allocate(String invoiceId) {
        return new AllocateInvoiceNumberCommand(SEQUENCE, COMPANY, YEAR, invoiceId);
    }

    /** The numbers in the sequence's stream, in stream order. */
    private List<String> storedNumbers() throws SQLException {
        List<String> stored = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url(), USER, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT convert_from(payload, 'UTF8')::json->>'number' "
                     + "FROM domain_event_entry WHERE aggregate_identifier = '" + SEQUENCE + "' "
                     + "AND payload_type = 'io.axle.api.invoice.InvoiceNumberAllocatedEvent' ORDER BY sequence_number")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        return stored;
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

    /** One application node, wired as in {@code RunSlotsAcrossNodesTest}, with the InvoiceNumbering aggregate. */
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
                    .configureAggregate(AggregateConfigurer.defaultConfiguration(InvoiceNumbering.class)
                            .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                                    SNAPSHOT_THRESHOLD)))
                    .buildConfiguration();
            axon.start();
            axon.commandBus().registerHandlerInterceptor(new CommandRefusalInterceptor());
            gateway = DefaultCommandGateway.builder()
                    .commandBus(axon.commandBus())
                    .retryScheduler(new ConcurrencyRetryScheduler(IntervalRetryScheduler.builder()
                            .retryExecutor(retries)
                            .maxRetryCount(RETRIES)
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

    /** Judges a failure as a whole with {@link ConcurrencyRetryPolicy}, as in {@code RunSlotsAcrossNodesTest}. */
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
