package io.axle.platform.deadline;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the deadline table for the deadlines this process can handle: one db-scheduler task per saga or aggregate type
 * it hosts, plus Axon's former single task, whose deadlines it runs or moves to their owner. Deadlines of owners hosted
 * elsewhere are never taken, and never deleted (db-scheduler's clean-up of unknown tasks is turned off). A recurring
 * watch, run by one process at a time, reports deadlines nobody has run long after they were due.
 */
final class DeadlinePoller {

    private static final Logger log = LoggerFactory.getLogger(DeadlinePoller.class);
    /** Name of the recurring task that reports overdue deadlines. */
    static final String WATCH_TASK = "axle-deadline-watch";
    /** db-scheduler deletes executions of tasks it does not know after a while; deadlines of other owners must stay. */
    private static final Duration KEEP_UNKNOWN_TASKS = ChronoUnit.CENTURIES.getDuration();

    private final DataSource dataSource;
    private final String table;
    private final RoutedDeadlineManager deadlineManager;
    private final Supplier<Set<String>> hostedOwners;
    private final int threads;
    private final Duration pollingInterval;
    private final OverdueDeadlines overdue;
    private final Duration watchInterval;
    private Scheduler scheduler;

    DeadlinePoller(DataSource dataSource, String table, RoutedDeadlineManager deadlineManager,
                   Supplier<Set<String>> hostedOwners, int threads, Duration pollingInterval,
                   OverdueDeadlines overdue, Duration watchInterval) {
        this.dataSource = dataSource;
        this.table = table;
        this.deadlineManager = deadlineManager;
        this.hostedOwners = hostedOwners;
        this.threads = threads;
        this.pollingInterval = pollingInterval;
        this.overdue = overdue;
        this.watchInterval = watchInterval;
    }

    synchronized void start() {
        if (scheduler != null) {
            return;
        }
        Set<String> owners = hostedOwners.get();
        List<Task<?>> tasks = new ArrayList<>();
        for (String owner : owners) {
            tasks.add(Tasks.oneTime(owner, DbSchedulerBinaryDeadlineDetails.class)
                    .execute((instance, context) -> deadlineManager.execute(instance.getId(), instance.getData())));
        }
        tasks.add(Tasks.oneTime(DeadlineOwners.LEGACY_TASK, DbSchedulerBinaryDeadlineDetails.class)
                .execute((instance, context) -> deadlineManager.executeLegacy(instance.getId(), instance.getData())));
        RecurringTask<Void> watch = Tasks.recurring(WATCH_TASK, FixedDelay.of(watchInterval))
                .execute((instance, context) -> overdue.report());
        scheduler = Scheduler.create(dataSource, tasks)
                .tableName(table)
                .threads(threads)
                .pollingInterval(pollingInterval)
                .heartbeatInterval(Duration.ofSeconds(30))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .deleteUnresolvedAfter(KEEP_UNKNOWN_TASKS)
                .startTasks(watch)
                .build();
        scheduler.start();
        log.info("Deadlines handled by this process: {}", owners.isEmpty() ? "none"
                : owners.stream().map(DeadlineOwners::describe).toList());
    }

    synchronized void stop() {
        if (scheduler != null) {
            scheduler.stop();
            scheduler = null;
        }
    }
}
