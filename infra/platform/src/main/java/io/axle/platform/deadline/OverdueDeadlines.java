package io.axle.platform.deadline;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finds deadlines that were due long ago and are still waiting: no running process hosts their owner (or every one
 * that does is failing them). They are kept, and fire once such a process runs; this says so at ERROR, per owner,
 * every time the watch runs until they are gone.
 */
final class OverdueDeadlines {

    private static final Logger log = LoggerFactory.getLogger(OverdueDeadlines.class);

    private final JdbcTemplate jdbc;
    private final String table;
    private final Duration overdueAfter;

    OverdueDeadlines(DataSource dataSource, String table, Duration overdueAfter) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.table = table;
        this.overdueAfter = overdueAfter;
    }

    /** Logs one ERROR per owner with deadlines overdue by more than the configured time; answers how many there are. */
    long report() {
        Timestamp dueBefore = Timestamp.from(Instant.now().minus(overdueAfter));
        return jdbc.query("select task_name, count(*) as waiting, min(execution_time) as oldest from " + table
                        + " where picked = false and execution_time < ? and (task_name like ? or task_name = ?)"
                        + " group by task_name",
                rs -> {
                    long total = 0;
                    while (rs.next()) {
                        String owner = DeadlineOwners.describe(rs.getString("task_name"));
                        long waiting = rs.getLong("waiting");
                        total += waiting;
                        log.error("{} deadline(s) of {} are overdue (the oldest was due at {}): no running process "
                                + "handles {}. They are kept and fire once a process hosting it runs (the sagas "
                                + "process for a saga, the command side for an aggregate, or the one-process launcher).",
                                waiting, owner, rs.getTimestamp("oldest").toInstant(), owner);
                    }
                    return total;
                }, dueBefore, DeadlineOwners.PREFIX + "%", DeadlineOwners.LEGACY_TASK);
    }
}
