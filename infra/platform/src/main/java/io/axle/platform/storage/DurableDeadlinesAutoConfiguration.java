package io.axle.platform.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * Durable deadlines (and scheduled events): a db-scheduler {@link Scheduler} on the event store's database. Axon's own
 * {@link AxonDbSchedulerAutoConfiguration} sees this scheduler and builds its {@code DbSchedulerDeadlineManager} and
 * {@code DbSchedulerEventScheduler} on it, so a deadline survives a restart and fires on exactly one node.
 * <p>
 * The scheduler joins Spring transactions, so a saga's deadline is stored atomically with the saga, and it starts only
 * once the application is ready (Axon's configuration must be running to deliver a deadline).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = AxonDbSchedulerAutoConfiguration.class)
@ConditionalOnClass(Scheduler.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(name = "axle.deadlines.durable", havingValue = "true", matchIfMissing = true)
public class DurableDeadlinesAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DurableDeadlinesAutoConfiguration.class);
    static final String TABLE = "scheduled_tasks";

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    Scheduler axleDeadlineScheduler(DataSource dataSource, List<Task<?>> tasks,
                                    @Value("${axle.deadlines.threads:4}") int threads,
                                    @Value("${axle.deadlines.polling-interval:500ms}") Duration pollingInterval) {
        createTableIfMissing(dataSource);
        DataSource transactional = dataSource instanceof TransactionAwareDataSourceProxy
                ? dataSource : new TransactionAwareDataSourceProxy(dataSource);
        return Scheduler.create(transactional, tasks)
                .tableName(TABLE)
                .threads(threads)
                .pollingInterval(pollingInterval)
                .heartbeatInterval(Duration.ofSeconds(30))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> axleDeadlineSchedulerStarter(Scheduler scheduler) {
        return event -> scheduler.start();
    }

    @Bean
    ApplicationListener<ContextClosedEvent> axleDeadlineSchedulerStopper(Scheduler scheduler) {
        return event -> scheduler.stop();
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
