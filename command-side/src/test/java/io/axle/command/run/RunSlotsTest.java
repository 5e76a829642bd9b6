package io.axle.command.run;

import io.axle.api.run.AllRunsInterruptRequestedEvent;
import io.axle.api.run.InterruptAllRunsCommand;
import io.axle.api.run.ReleaseRunSlotCommand;
import io.axle.api.run.RunSlotClaimedEvent;
import io.axle.api.run.RunSlotReleasedEvent;
import io.axle.api.run.RunStartedEvent;
import io.axle.api.run.RunStatus;
import io.axle.api.run.RunView;
import io.axle.api.run.StartRunCommand;
import io.axle.command.CommandRefusalInterceptor;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositoryProvider;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.axle.api.run.RunSlots.ID;
import static io.axle.command.RefusalMatchers.executionRefusal;
import static io.axle.command.RefusalMatchers.refusal;
import static org.assertj.core.api.Assertions.assertThat;

class RunSlotsTest {

    private static final Map<String, Object> PARAMS = Map.of("sensors", 3);

    private FixtureConfiguration<RunSlots> fixture;
    /**
     * The fixture's own store accepts the events of one aggregate only, so the runs created by the slots are stored
     * here; it joins the command's unit of work like the real store does.
     */
    private EventStore runStore;

    @BeforeEach
    void setUp() {
        AggregateTestFixture<RunSlots> aggregateFixture = new AggregateTestFixture<>(RunSlots.class);
        runStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        EventSourcingRepository<SimulationRun> runs = EventSourcingRepository.builder(SimulationRun.class)
                .eventStore(runStore)
                .build();
        aggregateFixture.registerRepositoryProvider(new RepositoryProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Repository<T> repositoryFor(Class<T> aggregateType) {
                return aggregateType == SimulationRun.class ? (Repository<T>) runs : null;
            }
        });
        fixture = aggregateFixture;
    }

    private static StartRunCommand start(String runId, int duration, int interval, Map<String, Object> params) {
        return new StartRunCommand(ID, runId, "alice", duration, interval, params);
    }

    private static StartRunCommand start(String runId) {
        return start(runId, 60, 5, PARAMS);
    }

    private static RunSlotClaimedEvent claimed(String runId, int holders) {
        return new RunSlotClaimedEvent(ID, runId, holders);
    }

    private static Object[] fiveClaims() {
        return new Object[] {claimed("r-1", 1), claimed("r-2", 2), claimed("r-3", 3), claimed("r-4", 4),
                claimed("r-5", 5)};
    }

    private List<Object> runEvents(String runId) {
        return runStore.readEvents(runId).asStream().map(Message::getPayload).map(Object.class::cast).toList();
    }

    private Instant now() {
        return ((AggregateTestFixture<RunSlots>) fixture).currentTime();
    }

    // starting

    @Test
    void firstStartCreatesTheSlotsClaimsOneAndStartsTheRun() {
        fixture.givenNoPriorActivity()
                .when(start("r-1"))
                .expectEvents(claimed("r-1", 1))
                .expectResultMessagePayload(new RunView("r-1", "alice", RunStatus.RUNNING, now(), null, 60, 5,
                        PARAMS, null));
        assertThat(runEvents("r-1")).containsExactly(new RunStartedEvent("r-1", "alice", now(), 60, 5, PARAMS));
    }

    @Test
    void startsUpToFiveRuns() {
        fixture.given(claimed("r-1", 1), claimed("r-2", 2), claimed("r-3", 3), claimed("r-4", 4))
                .when(start("r-5"))
                .expectEvents(claimed("r-5", 5));
        assertThat(runEvents("r-5")).containsExactly(new RunStartedEvent("r-5", "alice", now(), 60, 5, PARAMS));
    }

    @Test
    void sixthStartIsRefusedNamingTheLimitAndTheRunsHoldingIt() {
        fixture.given(fiveClaims())
                .when(start("r-6"))
                .expectException(refusal(409, "runs", "max-running-runs"))
                .expectExceptionMessage("At most 5 runs may be RUNNING at once; held by r-1, r-2, r-3, r-4, r-5")
                .expectNoEvents();
        assertThat(runEvents("r-6")).isEmpty();
    }

    @Test
    void releasedSlotCanBeClaimedAgain() {
        fixture.given(fiveClaims())
                .andGiven(new RunSlotReleasedEvent(ID, "r-3", 4))
                .when(start("r-6"))
                .expectEvents(claimed("r-6", 5));
        assertThat(runEvents("r-6")).containsExactly(new RunStartedEvent("r-6", "alice", now(), 60, 5, PARAMS));
    }

    @Test
    void missingParamsStartTheRunWithNoParams() {
        fixture.givenNoPriorActivity()
                .when(start("r-1", 60, 5, null))
                .expectEvents(claimed("r-1", 1));
        assertThat(runEvents("r-1")).containsExactly(new RunStartedEvent("r-1", "alice", now(), 60, 5, Map.of()));
    }

    @Test
    void aRunIdHoldingASlotCannotStartAgain() {
        fixture.given(claimed("r-1", 1))
                .when(start("r-1"))
                .expectException(refusal(409, "runId", "must-be-unique"))
                .expectNoEvents();
    }

    @Test
    void startsGoOnlyToTheOneSetOfSlots() {
        fixture.givenNoPriorActivity()
                .when(new StartRunCommand("other-slots", "r-1", "alice", 60, 5, PARAMS))
                .expectException(refusal(422, "slotsId", "run-slots-id"))
                .expectNoEvents();
    }

    // validation

    @Test
    void durationMustBeAtLeastOneSecond() {
        fixture.givenNoPriorActivity()
                .when(start("r-1", 0, 1, PARAMS))
                .expectException(refusal(422, "duration", "range"))
                .expectNoEvents();
        assertThat(runEvents("r-1")).isEmpty();
    }

    @Test
    void durationMustNotExceedOneDay() {
        fixture.givenNoPriorActivity()
                .when(start("r-1", 86_401, 5, PARAMS))
                .expectException(refusal(422, "duration", "range"));
    }

    @Test
    void aDayLongRunWithHourlyReadingsIsAccepted() {
        fixture.givenNoPriorActivity()
                .when(start("r-1", 86_400, 3_600, PARAMS))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void intervalMustBeAtLeastOneSecond() {
        fixture.givenNoPriorActivity()
                .when(start("r-1", 60, 0, PARAMS))
                .expectException(refusal(422, "interval", "range"));
    }

    @Test
    void intervalMustNotExceedOneHour() {
        fixture.givenNoPriorActivity()
                .when(start("r-1", 7_200, 3_601, PARAMS))
                .expectException(refusal(422, "interval", "range"));
    }

    @Test
    void intervalMustNotExceedTheDuration() {
        fixture.givenNoPriorActivity()
                .when(start("r-1", 10, 11, PARAMS))
                .expectException(refusal(422, "interval", "not-above-duration"))
                .expectExceptionMessage("interval (11 s) must not exceed duration (10 s)");
    }

    @Test
    void intervalMayEqualTheDuration() {
        fixture.givenNoPriorActivity()
                .when(start("r-1", 10, 10, PARAMS))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aRunNeedsAnId() {
        fixture.givenNoPriorActivity()
                .when(start(" "))
                .expectException(refusal(422, "runId", "required"));
    }

    @Test
    void aRunNeedsTheUserWhoStartsIt() {
        fixture.givenNoPriorActivity()
                .when(new StartRunCommand(ID, "r-1", null, 60, 5, PARAMS))
                .expectException(refusal(422, "username", "required"));
    }

    @Test
    void aNamedRunCarriesItsNameWithoutSurroundingBlanks() {
        fixture.givenNoPriorActivity()
                .when(new StartRunCommand(ID, "r-1", "alice", 60, 5, PARAMS, "  Cold start, rig 4 "))
                .expectEvents(claimed("r-1", 1))
                .expectResultMessagePayload(new RunView("r-1", "alice", RunStatus.RUNNING, now(), null, 60, 5,
                        PARAMS, null, "Cold start, rig 4"));
        assertThat(runEvents("r-1")).containsExactly(
                new RunStartedEvent("r-1", "alice", now(), 60, 5, PARAMS, "Cold start, rig 4"));
    }

    @Test
    void aBlankNameIsNoName() {
        fixture.givenNoPriorActivity()
                .when(new StartRunCommand(ID, "r-1", "alice", 60, 5, PARAMS, "   "))
                .expectEvents(claimed("r-1", 1));
        assertThat(runEvents("r-1")).containsExactly(new RunStartedEvent("r-1", "alice", now(), 60, 5, PARAMS));
    }

    @Test
    void aNameOfMoreThanAHundredCharactersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new StartRunCommand(ID, "r-1", "alice", 60, 5, PARAMS, "x".repeat(101)))
                .expectException(refusal(422, "name", "max-length"))
                .expectNoEvents();
    }

    @Test
    void aNameWithAControlCharacterIsRefusedBeforeAnythingIsDecided() {
        fixture.registerCommandHandlerInterceptor(new CommandRefusalInterceptor());
        fixture.givenNoPriorActivity()
                .when(new StartRunCommand(ID, "r-1", "alice", 60, 5, PARAMS, "rig\u00074"))
                .expectException(executionRefusal(422, "name", "no-control-characters"))
                .expectNoEvents();
    }

    @Test
    void validationComesBeforeTheCap() {
        fixture.given(fiveClaims())
                .when(start("r-6", 0, 5, PARAMS))
                .expectException(refusal(422, "duration", "range"));
    }

    // releasing

    @Test
    void releaseFreesTheSlotOfTheRun() {
        fixture.given(claimed("r-1", 1), claimed("r-2", 2))
                .when(new ReleaseRunSlotCommand(ID, "r-1"))
                .expectEvents(new RunSlotReleasedEvent(ID, "r-1", 1));
    }

    @Test
    void releasingASlotTwiceChangesNothingTheSecondTime() {
        fixture.given(claimed("r-1", 1), new RunSlotReleasedEvent(ID, "r-1", 0))
                .when(new ReleaseRunSlotCommand(ID, "r-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void releasingTheSlotOfAnUnknownRunChangesNothing() {
        fixture.given(claimed("r-1", 1))
                .when(new ReleaseRunSlotCommand(ID, "r-x"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // interrupting all

    @Test
    void interruptAllRecordsTheRequestAndAnswersTheRunsHoldingASlot() {
        fixture.given(claimed("r-1", 1), claimed("r-2", 2), claimed("r-3", 3), new RunSlotReleasedEvent(ID, "r-2", 2))
                .when(new InterruptAllRunsCommand(ID, "bob"))
                .expectEvents(new AllRunsInterruptRequestedEvent(ID, List.of("r-1", "r-3"), "bob"))
                .expectResultMessagePayload(List.of("r-1", "r-3"));
    }

    @Test
    void interruptAllKeepsTheSlotsUntilTheRunsEnd() {
        fixture.given(fiveClaims())
                .andGiven(new AllRunsInterruptRequestedEvent(ID, List.of("r-1", "r-2", "r-3", "r-4", "r-5"), "bob"))
                .when(start("r-6"))
                .expectException(refusal(409, "runs", "max-running-runs"));
    }

    @Test
    void interruptAllWithNothingRunningRecordsNothing() {
        fixture.given(claimed("r-1", 1), new RunSlotReleasedEvent(ID, "r-1", 0))
                .when(new InterruptAllRunsCommand(ID, "bob"))
                .expectNoEvents()
                .expectResultMessagePayload(List.of());
    }

    @Test
    void interruptAllBeforeAnyRunEverStartedAnswersNoRuns() {
        fixture.givenNoPriorActivity()
                .when(new InterruptAllRunsCommand(ID, "bob"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(List.of());
    }
}
