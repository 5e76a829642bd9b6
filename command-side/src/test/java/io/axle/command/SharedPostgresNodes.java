package io.axle.command;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.axle.platform.messaging.ConcurrencyRetryScheduler;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.jpa.SimpleEntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLErrorCodesResolver;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

/**
 * A fresh database on the machine's PostgreSQL (127.0.0.1:5432) and application nodes sharing it, each with its own
 * Axon configuration, command bus and JPA event store, wired as the command side is: the bytea dialect and Axon's
 * duplicate-key detection, the refusal interceptor, a gateway retrying conflicts 3 times 50 ms apart with the
 * platform's {@link ConcurrencyRetryScheduler}, and snapshots taken on a background thread. Dropped when closed.
 */
public final class SharedPostgresNodes implements AutoCloseable {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String USER = System.getProperty("axle.test.postgres.user", "postgres");
    /** Few connections: a snapshot taken while a hot aggregate's lock is held would starve the pool. */
    private static final int POOL_SIZE = 3;
    private static final int RETRIES = 3;
    /** Client threads of {@link #atOnce}. */
    public static final int CLIENTS = 16;

    private final String database;
    private final List<Node> nodes = new ArrayList<>();

    public SharedPostgresNodes(String prefix) {
        database = prefix + "_" + Long.toString(System.nanoTime(), 36);
        admin("CREATE DATABASE " + database);
    }

    /** A new node named {@code name}, its aggregates configured by {@code aggregates}. */
    public Node start(String name, UnaryOperator<Configurer> aggregates) {
        Node node = new Node(name, aggregates);
        nodes.add(node);
        return node;
    }

    /**
     * Calls {@code call} with 0 to {@code count - 1} from {@value #CLIENTS} client threads released together, as many
     * clients of the nodes would, and answers what the calls threw, once all are done.
     */
    public static List<Throwable> atOnce(int count, IntConsumer call) throws InterruptedException, ExecutionException {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            calls.add(clients.submit(() -> {
                go.await();
                try {
                    call.accept(index);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
                return null;
            }));
        }
        go.countDown();
        try {
            for (Future<?> pending : calls) {
                pending.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return failures;
    }

    /** A connection to the shared database, for checking what was stored. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, USER, "");
    }

    /** How many events of {@code payloadType} (a class name) the shared event store holds. */
    public long countEvents(String payloadType) {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM domain_event_entry WHERE payload_type = ?")) {
            statement.setString(1, payloadType);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        nodes.forEach(Node::close);
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 refused '" + sql + "': " + e.getMessage(), e);
        }
    }

    /** One node: its gateway is what a controller would send commands through. */
    public final class Node {

        public final CommandGateway gateway;
        private final HikariDataSource dataSource;
        private final EntityManagerFactory entityManagerFactory;
        private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
        private final ExecutorService snapshots = Executors.newSingleThreadExecutor();
        private final Configuration axon;

        private Node(String name, UnaryOperator<Configurer> aggregates) {
            dataSource = new HikariDataSource();
            dataSource.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/" + database);
            dataSource.setUsername(USER);
            dataSource.setMaximumPoolSize(POOL_SIZE);
            dataSource.setConnectionTimeout(5_000);
            dataSource.setPoolName(name);

            LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
            factory.setDataSource(dataSource);
            factory.setPersistenceUnitName(name);
            factory.setPackagesToScan("org.axonframework.eventsourcing.eventstore.jpa",
                    "org.axonframework.eventhandling.deadletter.jpa");
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
            try {
                JpaEventStorageEngine storage = JpaEventStorageEngine.builder()
                        .entityManagerProvider(new SimpleEntityManagerProvider(
                                SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory)))
                        .transactionManager(transactions)
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .persistenceExceptionResolver(new SQLErrorCodesResolver(dataSource))
                        .build();
                Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                        .registerComponent(Snapshotter.class, c -> AggregateSnapshotter.builder()
                                .eventStore(c.eventStore())
                                .transactionManager(transactions)
                                .repositoryProvider(c::repository)
                                .aggregateFactories(c.findModules(AggregateConfiguration.class).stream()
                                        .<AggregateFactory<?>>map(AggregateConfiguration::aggregateFactory)
                                        .toList())
                                .executor(snapshots)
                                .build())
                        .registerComponent(EntityManagerProvider.class, c -> new SimpleEntityManagerProvider(
                                SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory)))
                        .configureSerializer(c -> serializer)
                        .configureTransactionManager(c -> transactions)
                        .configureEmbeddedEventStore(c -> storage);
                axon = aggregates.apply(configurer).buildConfiguration();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
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

        private void close() {
            axon.shutdown();
            retries.shutdownNow();
            snapshots.shutdownNow();
            entityManagerFactory.close();
            dataSource.close();
        }
    }
}
