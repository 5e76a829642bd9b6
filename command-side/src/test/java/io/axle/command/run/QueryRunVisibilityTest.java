package io.axle.command.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.api.run.FindRunQuery;
import io.axle.api.run.ReadingsRefusedForRunQuery;
import io.axle.api.run.RunStatus;
import io.axle.api.run.RunView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wait behind the run endpoints' answers, on a real query bus: a read model answering {@link FindRunQuery} and
 * emitting updates, and a gateway answering {@link ReadingsRefusedForRunQuery}.
 */
class QueryRunVisibilityTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration BOUND = Duration.ofSeconds(3);

    private final SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
    private final SimpleQueryBus bus = SimpleQueryBus.builder().queryUpdateEmitter(emitter).build();
    private final QueryGateway queries = DefaultQueryGateway.builder().queryBus(bus).build();
    private final Map<String, RunView> readModel = new ConcurrentHashMap<>();
    private final AtomicBoolean gatewayRefuses = new AtomicBoolean(true);
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        later.shutdownNow();
    }

    private void withReadModel() {
        bus.subscribe(FindRunQuery.class.getName(), RunView.class,
                message -> readModel.get(((FindRunQuery) message.getPayload()).runId()));
    }

    private void withGateway() {
        bus.subscribe(ReadingsRefusedForRunQuery.class.getName(), Boolean.class, message -> gatewayRefuses.get());
    }

    private static RunView run(String id, RunStatus status) {
        return new RunView(id, "alice", status, T0, status == RunStatus.RUNNING ? null : T0.plusSeconds(5), 60, 5,
                Map.of(), null);
    }

    private void projectLater(RunView run, long millis, boolean emit) {
        later.schedule(() -> {
            readModel.put(run.id(), run);
            if (emit) {
                emitter.emit(FindRunQuery.class, query -> run.id().equals(query.runId()), run);
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    @Test
    void aRunAlreadyInTheReadModelIsSeenAtOnce() {
        withReadModel();
        readModel.put("r-1", run("r-1", RunStatus.RUNNING));

        assertThat(new QueryRunVisibility(queries, BOUND).started("r-1")).isTrue();
    }

    @Test
    void theUpdateTheProjectionEmitsEndsTheWait() {
        withReadModel();
        projectLater(run("r-1", RunStatus.RUNNING), 300, true);

        long began = System.nanoTime();
        assertThat(new QueryRunVisibility(queries, BOUND).started("r-1")).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(BOUND);
    }

    @Test
    void aChangeWhoseUpdateDoesNotReachThisNodeIsSeenByAskingAgain() {
        withReadModel();
        projectLater(run("r-1", RunStatus.RUNNING), 300, false);

        assertThat(new QueryRunVisibility(queries, BOUND).started("r-1")).isTrue();
    }

    @Test
    void aRunNotSeenWithinTheBoundIsReportedUnseen() {
        withReadModel();

        long began = System.nanoTime();
        assertThat(new QueryRunVisibility(queries, Duration.ofMillis(400)).started("r-1")).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isBetween(Duration.ofMillis(350), BOUND);
    }

    @Test
    void anEndIsSeenOnceTheReadModelNoLongerShowsItRunningAndTheGatewayRefusesItsReadings() {
        withReadModel();
        withGateway();
        readModel.put("r-1", run("r-1", RunStatus.RUNNING));
        readModel.put("r-2", run("r-2", RunStatus.RUNNING));
        projectLater(run("r-1", RunStatus.INTERRUPTED), 200, true);
        projectLater(run("r-2", RunStatus.INTERRUPTED), 300, true);

        assertThat(new QueryRunVisibility(queries, BOUND).ended(List.of("r-1", "r-2"))).isTrue();
    }

    @Test
    void anEndTheGatewayDoesNotConfirmIsUnseen() {
        withReadModel();
        withGateway();
        readModel.put("r-1", run("r-1", RunStatus.COMPLETED));
        gatewayRefuses.set(false);

        assertThat(new QueryRunVisibility(queries, BOUND).ended(List.of("r-1"))).isFalse();
    }

    @Test
    void withoutAReadModelOrAGatewayNothingIsSeenAndNothingWaitsForTheBound() {
        long began = System.nanoTime();
        QueryRunVisibility visibility = new QueryRunVisibility(queries, BOUND);

        assertThat(visibility.started("r-1")).isFalse();
        assertThat(visibility.ended(List.of("r-1"))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(BOUND);
    }
}
