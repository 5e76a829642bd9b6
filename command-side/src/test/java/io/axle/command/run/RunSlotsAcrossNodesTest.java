package io.axle.command.run;

import io.axle.command.SharedPostgresNodes;
import io.axle.command.SharedPostgresNodes.Node;
import org.axonframework.config.Configurer;
import io.axle.api.common.Refusal;
import io.axle.api.run.InterruptAllRunsCommand;
import io.axle.api.run.ReleaseRunSlotCommand;
import io.axle.api.run.RunSlots;
import io.axle.api.run.RunView;
import io.axle.api.run.StartRunCommand;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes, each with its own Axon configuration, command bus and JPA event store, sharing one PostgreSQL database
 * (the machine's, at 127.0.0.1:5432): the cap holds under concurrent starts on both, a conflict between them is
 * retried against fresh state (nothing is cached), and a slot freed on one node is free on the other at once.
 */
class RunSlotsAcrossNodesTest {

    private static final int STARTS = 50;
    /** Frequent snapshots: with few connections, a snapshot taken while the slots' lock is held would starve the pool. */
    private static final int SNAPSHOT_THRESHOLD = 2;

    private final SharedPostgresNodes postgres = new SharedPostgresNodes("axle_run_slots");
    private final List<Node> nodes = new ArrayList<>();

    @BeforeEach
    void startTwoNodes() {
        nodes.add(postgres.start("node-a", RunSlotsAcrossNodesTest::aggregates));
        nodes.add(postgres.start("node-b", RunSlotsAcrossNodesTest::aggregates));
    }

    @AfterEach
    void stopNodes() {
        postgres.close();
    }

    @Test
    void fiftyConcurrentStartsOnTwoNodesStartExactlyFiveRuns() throws Exception {
        List<String> started = new CopyOnWriteArrayList<>();
        List<Refusal> refused = new CopyOnWriteArrayList<>();
        List<Throwable> unexpected = SharedPostgresNodes.atOnce(STARTS, i -> {
            try {
                RunView run = RunCommandController.<RunView>sendToSlots(nodes.get(i % 2).gateway, start("run-" + i));
                started.add(run.id());
            } catch (CommandExecutionException e) {
                Optional<Object> details = e.getDetails();
                details.filter(Refusal.class::isInstance).map(Refusal.class::cast).ifPresentOrElse(refused::add,
                        () -> {
                            throw e;
                        });
            }
        });

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
        try (Connection connection = postgres.connect();
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
        try (Connection connection = postgres.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Both aggregates as their annotations configure them, RunSlots snapshotted every few events, nothing cached. */
    private static Configurer aggregates(Configurer configurer) {
        return configurer
                .configureAggregate(AggregateConfigurer.defaultConfiguration(io.axle.command.run.RunSlots.class)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                                SNAPSHOT_THRESHOLD)))
                .configureAggregate(SimulationRun.class);
    }
}
