package io.axle.query.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axle.api.common.PageResult;
import io.axle.api.run.FindAllRunsQuery;
import io.axle.api.run.FindRunQuery;
import io.axle.api.run.ListRunsQuery;
import io.axle.api.run.RunCompletedEvent;
import io.axle.api.run.RunSlotClaimedEvent;
import io.axle.api.run.RunSlotReleasedEvent;
import io.axle.api.run.RunSlots;
import io.axle.api.run.RunStartedEvent;
import io.axle.api.run.RunStatus;
import io.axle.api.run.RunView;
import io.axle.api.run.WatchRunsQuery;
import io.axle.query.InMemoryMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run projection as Axon sees it: events delivered as domain event messages (sequence number resolved by Axon),
 * queries and subscription queries sent through a real query bus and gateway, with the response types the REST
 * controller asks for.
 */
class RunProjectionWiringTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private InMemoryMongo mongo;
    private AnnotationEventHandlerAdapter eventHandlers;
    private QueryGateway queryGateway;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
        RunProjection projection = new RunProjection(mongo.template(), emitter, "");
        eventHandlers = new AnnotationEventHandlerAdapter(projection);
        SimpleQueryBus queryBus = SimpleQueryBus.builder().queryUpdateEmitter(emitter).build();
        new AnnotationQueryHandlerAdapter<>(projection).subscribe(queryBus);
        queryGateway = DefaultQueryGateway.builder().queryBus(queryBus).build();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void eventsAreAppliedAtTheirSequenceNumber() throws Exception {
        deliver("r-1", 0, started("r-1"));
        deliver("r-1", 1, new RunCompletedEvent("r-1", T0.plusSeconds(60), "done"));
        deliver("r-1", 0, started("r-1"));

        RunView run = queryGateway.query(new FindRunQuery("r-1"), RunView.class).join();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listQueriesAreAnsweredWithAPageOfRuns() throws Exception {
        deliver("r-1", 0, started("r-1"));

        PageResult<RunView> page = queryGateway.query(new ListRunsQuery(RunStatus.RUNNING, 0, 1),
                ResponseTypes.instanceOf(PageResult.class)).join();

        assertThat(page.totalElements()).isEqualTo(1);
        assertThat(page.content()).extracting(RunView::id).containsExactly("r-1");
    }

    @Test
    void allRunsAreAnsweredAsAList() throws Exception {
        deliver("r-1", 0, started("r-1"));

        List<RunView> runs = queryGateway.query(new FindAllRunsQuery(),
                ResponseTypes.multipleInstancesOf(RunView.class)).join();

        assertThat(runs).extracting(RunView::id).containsExactly("r-1");
    }

    @Test
    void aWatchSubscriptionGetsTheRunThenEveryChange() throws Exception {
        deliver("r-1", 0, started("r-1"));
        SubscriptionQueryResult<List<RunView>, RunView> subscription = queryGateway.subscriptionQuery(
                new WatchRunsQuery("r-1"), ResponseTypes.multipleInstancesOf(RunView.class),
                ResponseTypes.instanceOf(RunView.class));
        List<String> updates = new CopyOnWriteArrayList<>();
        subscription.updates().subscribe(update -> updates.add(update.id() + ":" + update.status()));
        assertThat(subscription.initialResult().block()).extracting(RunView::id).containsExactly("r-1");

        deliver("r-2", 0, started("r-2"));
        deliver("r-1", 1, new RunCompletedEvent("r-1", T0.plusSeconds(60), "done"));

        await().atMost(Duration.ofSeconds(5)).until(() -> updates.equals(List.of("r-1:COMPLETED")));
        subscription.cancel();
    }

    @Test
    void heldSlotsFollowTheSlotsAggregatesEventsAndAreAnsweredAsANumber() throws Exception {
        deliverSlots(0, new RunSlotClaimedEvent(RunSlots.ID, "r-1", 1));
        deliver("r-1", 0, started("r-1"));
        deliverSlots(1, new RunSlotClaimedEvent(RunSlots.ID, "r-2", 2));
        deliver("r-2", 0, started("r-2"));
        deliver("r-1", 1, new RunCompletedEvent("r-1", T0.plusSeconds(60), "done"));
        assertThat(queryGateway.query(new HeldRunSlotsQuery(), Long.class).join()).isEqualTo(2L);

        deliverSlots(2, new RunSlotReleasedEvent(RunSlots.ID, "r-1", 1));
        deliverSlots(2, new RunSlotReleasedEvent(RunSlots.ID, "r-1", 1));

        assertThat(queryGateway.query(new HeldRunSlotsQuery(), Long.class).join()).isEqualTo(1L);
    }

    @Test
    void aResetEmptiesTheReadModel() throws Exception {
        deliver("r-1", 0, started("r-1"));

        eventHandlers.prepareReset();

        assertThat(queryGateway.query(new FindRunQuery("r-1"), RunView.class).join()).isNull();
    }

    private void deliver(String runId, long sequence, Object event) throws Exception {
        eventHandlers.handle(new GenericDomainEventMessage<>("SimulationRun", runId, sequence, event, Map.of(),
                UUID.randomUUID().toString(), T0));
    }

    private void deliverSlots(long sequence, Object event) throws Exception {
        eventHandlers.handle(new GenericDomainEventMessage<>("RunSlots", RunSlots.ID, sequence, event, Map.of(),
                UUID.randomUUID().toString(), T0));
    }

    private static RunStartedEvent started(String runId) {
        return new RunStartedEvent(runId, "alice", T0, 60, 5, Map.of());
    }
}
