package io.axle.query.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.axle.api.common.ListCriteria;
import io.axle.api.common.PageResult;
import io.axle.api.run.ExportRunsQuery;
import io.axle.api.run.FindAllRunsQuery;
import io.axle.api.run.FindRunQuery;
import io.axle.api.run.ListRunsQuery;
import io.axle.api.run.RunCompletedEvent;
import io.axle.api.run.RunFailedEvent;
import io.axle.api.run.RunInterruptedEvent;
import io.axle.api.run.RunSlotClaimedEvent;
import io.axle.api.run.RunSlotReleasedEvent;
import io.axle.api.run.RunSlots;
import io.axle.api.run.RunStartedEvent;
import io.axle.api.run.RunStatus;
import io.axle.api.run.RunView;
import io.axle.api.run.WatchRunsQuery;
import io.axle.query.InMemoryMongo;
import io.axle.query.SubscriberProbe;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunProjectionTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Map<String, Object> PARAMS = Map.of("sensors", 3, "profile", "ramp");

    private InMemoryMongo mongo;
    private SimpleQueryUpdateEmitter emitter;
    private RunProjection projection;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        emitter = SimpleQueryUpdateEmitter.builder().build();
        projection = new RunProjection(mongo.template(), emitter, "");
        projection.createIndexes();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aStartedRunShowsEveryFieldAndLinksToItsLivePage() {
        start("r-1", T0);

        assertThat(find("r-1")).isEqualTo(new RunView("r-1", "alice", RunStatus.RUNNING, T0, null, 60, 5, PARAMS,
                "/#/runs/r-1"));
    }

    @Test
    void aNamedRunShowsItsNameInTheListAndTheLiveUpdates() {
        SubscriberProbe<RunView> watching = SubscriberProbe.subscribe(emitter, new WatchRunsQuery(null), RunView.class);

        projection.on(new RunStartedEvent("r-1", "alice", T0, 60, 5, PARAMS, "Cold start, rig 4"), 0);

        assertThat(find("r-1").name()).isEqualTo("Cold start, rig 4");
        assertThat(watching.updates()).extracting(RunView::name).containsExactly("Cold start, rig 4");
    }

    @Test
    void aRunStartedWithoutANameHasNone() {
        start("r-1", T0);

        assertThat(find("r-1").name()).isNull();
    }

    @Test
    void theLinkIsAbsoluteUnderTheConfiguredPublicUrl() {
        projection = new RunProjection(mongo.template(), emitter, "https://axle.example.com/");
        start("r-1", T0);

        assertThat(find("r-1").grafanaUrl()).isEqualTo("https://axle.example.com/#/runs/r-1");
    }

    @Test
    void aCompletedRunKeepsWhenItFinished() {
        start("r-1", T0);
        projection.on(new RunCompletedEvent("r-1", T0.plusSeconds(60), "duration elapsed"), 1);

        RunView run = find("r-1");
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.finishedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(run.startedAt()).isEqualTo(T0);
        assertThat(run.params()).isEqualTo(PARAMS);
    }

    @Test
    void anInterruptedRunIsInterrupted() {
        start("r-1", T0);
        projection.on(new RunInterruptedEvent("r-1", T0.plusSeconds(5), "interrupted by bob"), 1);

        assertThat(find("r-1").status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(find("r-1").finishedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void aFailedRunIsFailed() {
        start("r-1", T0);
        projection.on(new RunFailedEvent("r-1", T0.plusSeconds(7), "broker unreachable"), 1);

        assertThat(find("r-1").status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void paramsWhoseKeysCannotBeFieldNamesAreKeptAsTheyCame() {
        Map<String, Object> params = Map.of("sensor.count", 2, "$profile", Map.of("a.b", List.of(1, 2.5, "x")),
                "simulate", true);
        projection.on(new RunStartedEvent("r-1", "alice", T0, 60, 5, params), 0);

        assertThat(find("r-1").params()).isEqualTo(params);
    }

    @Test
    void aRunWithoutParamsHasAnEmptyMap() {
        projection.on(new RunStartedEvent("r-1", "alice", T0, 60, 5, null), 0);

        assertThat(find("r-1").params()).isEmpty();
    }

    @Test
    void theSameEventsAppliedTwiceChangeNothing() {
        start("r-1", T0);
        projection.on(new RunCompletedEvent("r-1", T0.plusSeconds(60), "duration elapsed"), 1);
        RunView once = find("r-1");

        start("r-1", T0);
        projection.on(new RunCompletedEvent("r-1", T0.plusSeconds(60), "duration elapsed"), 1);

        assertThat(find("r-1")).isEqualTo(once);
    }

    @Test
    void anEventOlderThanTheLastAppliedIsIgnored() {
        start("r-1", T0);
        projection.on(new RunInterruptedEvent("r-1", T0.plusSeconds(5), "stop"), 1);

        projection.on(new RunCompletedEvent("r-1", T0.plusSeconds(60), "late"), 1);
        start("r-1", T0.plusSeconds(99));

        RunView run = find("r-1");
        assertThat(run.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(run.finishedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(run.startedAt()).isEqualTo(T0);
    }

    @Test
    void theEndOfAnUnknownRunCreatesNothing() {
        projection.on(new RunCompletedEvent("r-x", T0, "?"), 1);

        assertThat(find("r-x")).isNull();
        assertThat(list(null, 0, 20).totalElements()).isZero();
    }

    @Test
    void listIsNewestFirstAndFiltersByStatus() {
        start("r-1", T0);
        start("r-2", T0.plusSeconds(10));
        start("r-3", T0.plusSeconds(20));
        projection.on(new RunCompletedEvent("r-2", T0.plusSeconds(30), "done"), 1);

        assertThat(list(null, 0, 20).content()).extracting(RunView::id).containsExactly("r-3", "r-2", "r-1");
        assertThat(list(RunStatus.RUNNING, 0, 20).content()).extracting(RunView::id).containsExactly("r-3", "r-1");
        assertThat(list(RunStatus.COMPLETED, 0, 20).content()).extracting(RunView::id).containsExactly("r-2");
    }

    @Test
    void theRunningCountIsTheTotalOfTheRunningSelection() {
        for (int i = 0; i < 4; i++) {
            start("r-" + i, T0.plusSeconds(i));
        }
        projection.on(new RunFailedEvent("r-0", T0.plusSeconds(9), "broken"), 1);

        PageResult<RunView> running = list(RunStatus.RUNNING, 0, 1);

        assertThat(running.totalElements()).isEqualTo(3);
        assertThat(running.content()).hasSize(1);
    }

    @Test
    void listPagesCountTheWholeSelection() {
        for (int i = 0; i < 5; i++) {
            start("r-" + i, T0.plusSeconds(i));
        }

        PageResult<RunView> second = list(null, 1, 2);

        assertThat(second.content()).extracting(RunView::id).containsExactly("r-2", "r-1");
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(2);
        assertThat(second.totalElements()).isEqualTo(5);
        assertThat(list(null, 3, 2).content()).isEmpty();
    }

    @Test
    void allRunsAreNewestFirst() {
        start("r-1", T0);
        start("r-2", T0.plusSeconds(10));

        assertThat(projection.handle(new FindAllRunsQuery())).extracting(RunView::id).containsExactly("r-2", "r-1");
    }

    @Test
    void theWatchOfOneRunStartsFromThatRunOrFromNothingYet() {
        start("r-1", T0);
        start("r-2", T0.plusSeconds(1));

        assertThat(projection.handle(new WatchRunsQuery("r-1"))).extracting(RunView::id).containsExactly("r-1");
        assertThat(projection.handle(new WatchRunsQuery("r-9"))).isEmpty();
        assertThat(projection.handle(new WatchRunsQuery(null))).extracting(RunView::id).containsExactly("r-2", "r-1");
    }

    @Test
    void everyChangeGoesToTheWatchersOfThatRunAndOfEveryRun() {
        SubscriberProbe<RunView> one = SubscriberProbe.subscribe(emitter, new WatchRunsQuery("r-1"), RunView.class);
        SubscriberProbe<RunView> every = SubscriberProbe.subscribe(emitter, new WatchRunsQuery(null), RunView.class);
        SubscriberProbe<RunView> found = SubscriberProbe.subscribe(emitter, new FindRunQuery("r-1"), RunView.class);

        start("r-1", T0);
        start("r-2", T0.plusSeconds(1));
        projection.on(new RunCompletedEvent("r-1", T0.plusSeconds(60), "done"), 1);

        assertThat(one.updates()).extracting(RunView::id, RunView::status).containsExactly(
                tuple("r-1", RunStatus.RUNNING),
                tuple("r-1", RunStatus.COMPLETED));
        assertThat(every.updates()).extracting(RunView::id).containsExactly("r-1", "r-2", "r-1");
        assertThat(found.updates().get(1)).isEqualTo(find("r-1"));
    }

    @Test
    void eventsThatChangeNothingSendNothing() {
        start("r-1", T0);
        projection.on(new RunCompletedEvent("r-1", T0.plusSeconds(60), "done"), 1);
        SubscriberProbe<RunView> every = SubscriberProbe.subscribe(emitter, new WatchRunsQuery(null), RunView.class);

        start("r-1", T0);
        projection.on(new RunCompletedEvent("r-1", T0.plusSeconds(60), "done"), 1);

        assertThat(every.updates()).isEmpty();
    }

    @Test
    void aRunHoldsItsSlotFromItsClaimUntilItsReleaseNotUntilItEnds() {
        claim("r-1", 0);
        start("r-1", T0);
        claim("r-2", 1);
        start("r-2", T0.plusSeconds(1));
        assertThat(held()).isEqualTo(2);

        projection.on(new RunCompletedEvent("r-1", T0.plusSeconds(60), "duration elapsed"), 1);

        assertThat(list(RunStatus.RUNNING, 0, 1).totalElements()).isEqualTo(1);
        assertThat(held()).isEqualTo(2);
        release("r-1", 2);
        assertThat(held()).isEqualTo(1);
    }

    @Test
    void slotEventsAppliedTwiceOrLateChangeNothing() {
        claim("r-1", 0);
        claim("r-2", 1);
        release("r-1", 2);

        claim("r-1", 0);
        claim("r-2", 1);
        release("r-1", 2);
        release("r-2", 1);

        assertThat(held()).isEqualTo(1);
        claim("r-3", 3);
        assertThat(held()).isEqualTo(2);
    }

    @Test
    void slotSequencesAreTheSlotsAggregatesNotTheRuns() {
        claim("r-1", 7);
        start("r-1", T0);
        projection.on(new RunCompletedEvent("r-1", T0.plusSeconds(60), "done"), 1);

        claim("r-2", 8);
        start("r-2", T0.plusSeconds(61));

        assertThat(held()).isEqualTo(2);
        assertThat(find("r-2").status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void noSlotIsHeldBeforeAnyClaim() {
        assertThat(held()).isZero();
    }

    @Test
    void resetEmptiesTheReadModelForReplay() {
        claim("r-1", 0);
        start("r-1", T0);

        projection.reset();

        assertThat(find("r-1")).isNull();
        assertThat(held()).isZero();
        start("r-1", T0);
        assertThat(find("r-1").status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void runsAreSearchedByNameOrIdBoundedByStartSortedAndExported() {
        projection.on(new RunStartedEvent("r-1", "alice", T0, 60, 5, PARAMS, "Cold start, rig 4"), 0);
        projection.on(new RunStartedEvent("r-2", "bob", T0.plusSeconds(60), 60, 5, PARAMS, "Warm start, rig 4"), 0);
        projection.on(new RunStartedEvent("r-3", "carol", T0.plusSeconds(120), 60, 5, PARAMS, "Cold soak"), 0);

        assertThat(listed(ListCriteria.searching("cold"))).containsExactly("r-3", "r-1");
        assertThat(listed(ListCriteria.searching("r-2"))).containsExactly("r-2");
        assertThat(listed(new ListCriteria(null, T0.plusSeconds(60), T0.plusSeconds(120), null, false)))
                .containsExactly("r-2");
        assertThat(listed(new ListCriteria("rig", null, null, "username", true))).containsExactly("r-2", "r-1");
        ListRunsQuery cold = new ListRunsQuery(null, new ListCriteria("cold", null, null, "name", false), 0, 1);
        assertThat(projection.handle(new ExportRunsQuery(cold, 10)).map(RunView::id).collectList().block())
                .as("every match, not the page of one").containsExactly("r-3", "r-1");
    }

    private List<String> listed(ListCriteria criteria) {
        return projection.page(new ListRunsQuery(null, criteria, 0, 20)).content().stream().map(RunView::id).toList();
    }

    private void start(String runId, Instant at) {
        projection.on(new RunStartedEvent(runId, "alice", at, 60, 5, PARAMS), 0);
    }

    private void claim(String runId, long slotsSequence) {
        projection.on(new RunSlotClaimedEvent(RunSlots.ID, runId, 0), slotsSequence);
    }

    private void release(String runId, long slotsSequence) {
        projection.on(new RunSlotReleasedEvent(RunSlots.ID, runId, 0), slotsSequence);
    }

    private long held() {
        return projection.handle(new HeldRunSlotsQuery());
    }

    private RunView find(String runId) {
        return projection.handle(new FindRunQuery(runId));
    }

    private PageResult<RunView> list(RunStatus status, int page, int size) {
        return projection.page(new ListRunsQuery(status, page, size));
    }
}
