package io.axle.platform.deadline;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Deadlines. Durable by default: a {@link RoutedDeadlineManager} stores them in the event store's database (table
 * {@value #TABLE}, db-scheduler), each under its owner, and a {@link DeadlinePoller} started once the application is
 * ready runs those of the sagas and aggregates this process hosts. A deadline is stored in the same transaction as the
 * saga or aggregate that set it, survives restarts and fires on one node that can handle it.
 * <p>
 * With {@code axle.deadlines.durable=false} (or without a database) deadlines are Axon's in-memory
 * {@link SimpleDeadlineManager}: they fire only in the process that set them and are lost when it stops.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        before = {AxonDbSchedulerAutoConfiguration.class, AxonAutoConfiguration.class})
public class DeadlinesAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeadlinesAutoConfiguration.class);
    static final String TABLE = "scheduled_tasks";

    /** Deadlines in the database, polled by the processes hosting their owners. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Scheduler.class)
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnProperty(name = "axle.deadlines.durable", havingValue = "true", matchIfMissing = true)
    static class Durable {

        @Bean
        SchedulerClient axleDeadlineClient(DataSource dataSource) {
            createTableIfMissing(dataSource);
            return SchedulerClient.Builder.create(transactional(dataSource)).tableName(TABLE).build();
        }

        @Bean
        @ConditionalOnMissingBean(DeadlineManager.class)
        RoutedDeadlineManager deadlineManager(SchedulerClient axleDeadlineClient, Configuration configuration,
                                              @Qualifier("eventSerializer") Serializer serializer,
                                              TransactionManager transactionManager) {
            return new RoutedDeadlineManager(axleDeadlineClient, new ConfigurationScopeAwareProvider(configuration),
                    serializer, transactionManager);
        }

        @Bean
        @ConditionalOnBean(RoutedDeadlineManager.class)
        DeadlinePoller axleDeadlinePoller(DataSource dataSource, RoutedDeadlineManager deadlineManager,
                                          Configuration configuration,
                                          @Value("${axle.deadlines.threads:4}") int threads,
                                          @Value("${axle.deadlines.polling-interval:500ms}") Duration pollingInterval,
                                          @Value("${axle.deadlines.overdue-after:1m}") Duration overdueAfter,
                                          @Value("${axle.deadlines.watch-interval:30s}") Duration watchInterval) {
            return new DeadlinePoller(transactional(dataSource), TABLE, deadlineManager,
                    () -> DeadlineOwners.hostedBy(configuration), threads, pollingInterval,
                    new OverdueDeadlines(dataSource, TABLE, overdueAfter), watchInterval);
        }

        @Bean
        @ConditionalOnBean(DeadlinePoller.class)
        ApplicationListener<ApplicationReadyEvent> axleDeadlinePollerStarter(DeadlinePoller poller) {
            return event -> poller.start();
        }

        @Bean
        @ConditionalOnBean(DeadlinePoller.class)
        ApplicationListener<ContextClosedEvent> axleDeadlinePollerStopper(DeadlinePoller poller) {
            return event -> poller.stop();
        }
    }

    /** Without durable deadlines the command side and the sagas still need a deadline manager: Axon's in-memory one. */
    @Bean
    @ConditionalOnMissingBean(DeadlineManager.class)
    DeadlineManager deadlineManager(Configuration configuration, TransactionManager transactionManager) {
        log.warn("Deadlines are not durable (axle.deadlines.durable=false or no database): they are kept in this "
                + "process's memory, fire only here and are lost when it stops. Use this for tests and demos only.");
        return SimpleDeadlineManager.builder()
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .transactionManager(transactionManager)
                .build();
    }

    private static DataSource transactional(DataSource dataSource) {
        return dataSource instanceof TransactionAwareDataSourceProxy
                ? dataSource : new TransactionAwareDataSourceProxy(dataSource);
    }

    /** db-scheduler ships no migration; this is its documented table for PostgreSQL and H2 (and close to others). */
    static void createTableIfMissing(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            boolean postgres = product.contains("postgres");
            String text = postgres ? "text" : "varchar(255)";
            String binary = postgres ? "bytea" : "blob";
            String time = "timestamp with time zone";
            String ddl = "create table if not exists " + TABLE + " ("
                    + "task_name " + text + " not null, "
                    + "task_instance " + text + " not null, "
                    + "task_data " + binary + ", "
                    + "execution_time " + time + " not null, "
                    + "picked boolean not null, "
                    + "picked_by " + text + ", "
                    + "last_success " + time + ", "
                    + "last_failure " + time + ", "
                    + "consecutive_failures int, "
                    + "last_heartbeat " + time + ", "
                    + "version bigint not null, "
                    + "priority smallint, "
                    + "primary key (task_name, task_instance))";
            try (Statement statement = connection.createStatement()) {
                statement.execute(ddl);
                statement.execute("create index if not exists " + TABLE + "_execution_time_idx on " + TABLE
                        + " (execution_time)");
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the deadline table " + TABLE, e);
        }
        log.debug("Deadline table {} ready", TABLE);
    }
}
