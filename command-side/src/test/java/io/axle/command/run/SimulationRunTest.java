package io.axle.command.run;

import io.axle.api.run.FailRunCommand;
import io.axle.api.run.FinishRunCommand;
import io.axle.api.run.InterruptRunCommand;
import io.axle.api.run.RunCompletedEvent;
import io.axle.api.run.RunFailedEvent;
import io.axle.api.run.RunInterruptedEvent;
import io.axle.api.run.RunStartedEvent;
import io.axle.api.run.RunStatus;
import io.axle.api.run.RunView;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.axle.command.RefusalMatchers.refusal;

class SimulationRunTest {

    private static final String ID = "r-1";
    private static final Instant STARTED_AT = Instant.parse("2026-03-02T09:00:00Z");
    private static final Map<String, Object> PARAMS = Map.of("sensors", 3);
    private static final RunStartedEvent STARTED = new RunStartedEvent(ID, "alice", STARTED_AT, 60, 5, PARAMS);

    private AggregateTestFixture<SimulationRun> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SimulationRun.class);
    }

    private Instant now() {
        return fixture.currentTime();
    }

    private RunView view(RunStatus status, Instant finishedAt) {
        return new RunView(ID, "alice", status, STARTED_AT, finishedAt, 60, 5, PARAMS, null);
    }

    @Test
    void aRunStartsRunning() {
        fixture.givenNoPriorActivity()
                .whenConstructing(() -> new SimulationRun(ID, "alice", STARTED_AT, 60, 5, PARAMS, null))
                .expectEvents(STARTED);
    }

    @Test
    void aNamedRunKeepsItsNameInItsAnswers() {
        fixture.given(new RunStartedEvent(ID, "alice", STARTED_AT, 60, 5, PARAMS, "Cold start, rig 4"))
                .when(new FinishRunCommand(ID, null))
                .expectResultMessagePayload(new RunView(ID, "alice", RunStatus.COMPLETED, STARTED_AT, now(), 60, 5,
                        PARAMS, null, "Cold start, rig 4"));
    }

    // finishing

    @Test
    void finishingARunningRunCompletesItAndAnswersTheRun() {
        fixture.given(STARTED)
                .when(new FinishRunCommand(ID, "duration elapsed"))
                .expectEvents(new RunCompletedEvent(ID, now(), "duration elapsed"))
                .expectResultMessagePayload(view(RunStatus.COMPLETED, now()));
    }

    @Test
    void finishingWithoutReasonGetsTheDefaultReason() {
        fixture.given(STARTED)
                .when(new FinishRunCommand(ID, " "))
                .expectEvents(new RunCompletedEvent(ID, now(), SimulationRun.DEFAULT_FINISH_REASON));
    }

    @Test
    void cannotFinishACompletedRun() {
        fixture.given(STARTED, new RunCompletedEvent(ID, STARTED_AT.plusSeconds(60), "duration elapsed"))
                .when(new FinishRunCommand(ID, "again"))
                .expectException(refusal(409, "status", "run-not-running"))
                .expectExceptionMessage("cannot finish run r-1 while it is COMPLETED")
                .expectNoEvents();
    }

    @Test
    void cannotFinishAnInterruptedRun() {
        fixture.given(STARTED, new RunInterruptedEvent(ID, STARTED_AT.plusSeconds(10), "stop"))
                .when(new FinishRunCommand(ID, "duration elapsed"))
                .expectException(refusal(409, "status", "run-not-running"))
                .expectNoEvents();
    }

    @Test
    void cannotFinishAFailedRun() {
        fixture.given(STARTED, new RunFailedEvent(ID, STARTED_AT.plusSeconds(10), "broker gone"))
                .when(new FinishRunCommand(ID, "duration elapsed"))
                .expectException(refusal(409, "status", "run-not-running"));
    }

    // failing

    @Test
    void failingARunningRunEndsItAsFailed() {
        fixture.given(STARTED)
                .when(new FailRunCommand(ID, "broker unreachable"))
                .expectEvents(new RunFailedEvent(ID, now(), "broker unreachable"))
                .expectResultMessagePayload(view(RunStatus.FAILED, now()));
    }

    @Test
    void failingWithoutReasonGetsTheDefaultReason() {
        fixture.given(STARTED)
                .when(new FailRunCommand(ID, null))
                .expectEvents(new RunFailedEvent(ID, now(), SimulationRun.DEFAULT_FAIL_REASON));
    }

    @Test
    void cannotFailARunThatEnded() {
        fixture.given(STARTED, new RunCompletedEvent(ID, STARTED_AT.plusSeconds(60), "duration elapsed"))
                .when(new FailRunCommand(ID, "too late"))
                .expectException(refusal(409, "status", "run-not-running"))
                .expectExceptionMessage("cannot fail run r-1 while it is COMPLETED")
                .expectNoEvents();
    }

    // interrupting

    @Test
    void interruptingARunningRunEndsItAsInterrupted() {
        fixture.given(STARTED)
                .when(new InterruptRunCommand(ID, "interrupted by bob"))
                .expectEvents(new RunInterruptedEvent(ID, now(), "interrupted by bob"))
                .expectResultMessagePayload(view(RunStatus.INTERRUPTED, now()));
    }

    @Test
    void interruptingWithoutReasonGetsTheDefaultReason() {
        fixture.given(STARTED)
                .when(new InterruptRunCommand(ID, null))
                .expectEvents(new RunInterruptedEvent(ID, now(), SimulationRun.DEFAULT_INTERRUPT_REASON));
    }

    @Test
    void interruptingACompletedRunDoesNothingSoInterruptAllCanBeRepeated() {
        Instant finishedAt = STARTED_AT.plusSeconds(60);
        fixture.given(STARTED, new RunCompletedEvent(ID, finishedAt, "duration elapsed"))
                .when(new InterruptRunCommand(ID, "interrupted by bob"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(view(RunStatus.COMPLETED, finishedAt));
    }

    @Test
    void interruptingAnInterruptedRunDoesNothing() {
        fixture.given(STARTED, new RunInterruptedEvent(ID, STARTED_AT.plusSeconds(5), "first"))
                .when(new InterruptRunCommand(ID, "second"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void interruptingAFailedRunDoesNothing() {
        fixture.given(STARTED, new RunFailedEvent(ID, STARTED_AT.plusSeconds(5), "broken"))
                .when(new InterruptRunCommand(ID, "stop"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void commandsForAnUnknownRunFailAsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new FinishRunCommand("nope", null))
                .expectException(AggregateNotFoundException.class);
    }
}
