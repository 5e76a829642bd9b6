package io.axle.saga.run;

import static io.axle.saga.run.RunLifecycleSaga.DURATION_DEADLINE;
import static io.axle.saga.run.RunLifecycleSaga.DURATION_ELAPSED;
import static io.axle.saga.run.RunLifecycleSaga.FINISH_RETRY;
import static io.axle.saga.run.RunLifecycleSaga.RELEASE_ATTEMPTS;
import static io.axle.saga.run.RunLifecycleSaga.RELEASE_DEADLINE;
import static io.axle.saga.run.RunLifecycleSaga.RELEASE_RETRY_FIRST;
import static io.axle.saga.run.RunLifecycleSaga.RELEASE_RETRY_MAX;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.axle.api.common.Refusal;
import io.axle.api.run.FinishRunCommand;
import io.axle.api.run.ReleaseRunSlotCommand;
import io.axle.api.run.RunCompletedEvent;
import io.axle.api.run.RunFailedEvent;
import io.axle.api.run.RunInterruptedEvent;
import io.axle.api.run.RunSlotReleasedEvent;
import io.axle.api.run.RunSlots;
import io.axle.api.run.RunStartedEvent;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RunLifecycleSagaTest {

    private static final String RUN = "run-1";
    private static final Duration DURATION = Duration.ofSeconds(120);
    private static final ReleaseRunSlotCommand RELEASE = new ReleaseRunSlotCommand(RunSlots.ID, RUN);
    private static final FinishRunCommand FINISH = new FinishRunCommand(RUN, DURATION_ELAPSED);

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final RunStartedEvent STARTED = startedAt(T0);

    private SagaTestFixture<RunLifecycleSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(RunLifecycleSaga.class);
        fixture.registerCommandGateway(CommandGateway.class);
    }

    /** The saga has seen the run start, at the current time of the fixture. */
    private ContinuedGivenState givenStarted() {
        return fixture.givenCurrentTime(T0).andThenAPublished(STARTED);
    }

    private static RunStartedEvent startedAt(Instant startedAt) {
        return new RunStartedEvent(RUN, "alice", startedAt, (int) DURATION.toSeconds(), 5, Map.of());
    }

    private static Instant later(Duration duration) {
        return T0.plus(duration);
    }

    @Nested
    class Start {

        @Test
        void aStartedRunIsFollowedUntilItsDurationIsOver() {
            fixture.givenCurrentTime(T0)
                   .whenPublishingA(STARTED)
                   .expectActiveSagas(1)
                   .expectAssociationWith("runId", RUN)
                   .expectNoDispatchedCommands()
                   .expectScheduledDeadlineWithName(DURATION, DURATION_DEADLINE);
        }

        @Test
        void theDeadlineCountsFromTheStartNotFromWhenTheSagaHearsOfIt() {
            fixture.givenCurrentTime(T0)
                   .whenPublishingA(startedAt(T0.minusSeconds(100)))
                   .expectScheduledDeadlineWithName(Duration.ofSeconds(20), DURATION_DEADLINE);
        }
    }

    @Nested
    class DurationOver {

        @Test
        void theDeadlineFinishesTheRun() {
            givenStarted()
                   .whenTimeElapses(DURATION)
                   .expectTriggeredDeadlinesWithName(DURATION_DEADLINE)
                   .expectDispatchedCommands(FINISH)
                   .expectActiveSagas(1);
        }

        @Test
        void nothingHappensBeforeTheDurationIsOver() {
            givenStarted()
                   .whenTimeElapses(DURATION.minusSeconds(1))
                   .expectNoDispatchedCommands()
                   .expectScheduledDeadlineWithName(Duration.ofSeconds(1), DURATION_DEADLINE);
        }

        @Test
        void aFinishThatIsNotFollowedByTheRunEndingIsSentAgain() throws Exception {
            givenStarted()
                   .andThenTimeElapses(DURATION)
                   .whenTimeElapses(FINISH_RETRY)
                   .expectDispatchedCommands(FINISH)
                   .expectScheduledDeadlineWithName(FINISH_RETRY, DURATION_DEADLINE);
        }

        @Test
        void aFinishRefusedBecauseTheRunEndedMeanwhileIsIgnored() {
            fixture.setCallbackBehavior((payload, metaData) -> {
                if (payload instanceof FinishRunCommand) {
                    throw new CommandExecutionException("ended", null,
                            new Refusal(409, "status", "run-not-running", "cannot finish run run-1 while it is INTERRUPTED"));
                }
                return null;
            });

            givenStarted()
                   .whenTimeElapses(DURATION)
                   .expectDispatchedCommands(FINISH)
                   .expectActiveSagas(1);
        }

        @Test
        void theRunCompletingReleasesItsSlotAndStopsTheDeadline() throws Exception {
            givenStarted()
                   .andThenTimeElapses(DURATION)
                   .whenPublishingA(new RunCompletedEvent(RUN, later(Duration.ZERO), DURATION_ELAPSED))
                   .expectDispatchedCommands(RELEASE)
                   .expectNoScheduledDeadlineWithName(FINISH_RETRY, DURATION_DEADLINE)
                   .expectScheduledDeadlineWithName(RELEASE_RETRY_FIRST, RELEASE_DEADLINE);
        }
    }

    @Nested
    class RunEnds {

        @Test
        void aFinishedRunReleasesItsSlotAndCancelsTheDuration() {
            givenStarted()
                   .whenPublishingA(new RunCompletedEvent(RUN, later(Duration.ofSeconds(10)), "finished by alice"))
                   .expectDispatchedCommands(RELEASE)
                   .expectNoScheduledDeadlineWithName(DURATION, DURATION_DEADLINE)
                   .expectScheduledDeadlineWithName(RELEASE_RETRY_FIRST, RELEASE_DEADLINE)
                   .expectActiveSagas(1);
        }

        @Test
        void anInterruptedRunReleasesItsSlotAndCancelsTheDuration() {
            givenStarted()
                   .whenPublishingA(new RunInterruptedEvent(RUN, later(Duration.ofSeconds(10)), "interrupted by bob"))
                   .expectDispatchedCommands(RELEASE)
                   .expectNoScheduledDeadlineWithName(DURATION, DURATION_DEADLINE);
        }

        @Test
        void aFailedRunReleasesItsSlotAndCancelsTheDuration() {
            givenStarted()
                   .whenPublishingA(new RunFailedEvent(RUN, later(Duration.ofSeconds(10)), "broker unreachable"))
                   .expectDispatchedCommands(RELEASE)
                   .expectNoScheduledDeadlineWithName(DURATION, DURATION_DEADLINE);
        }

        /** Only the release, sent again because the fixture never answers it, and no finish. */
        @Test
        void theDurationDeadlineNoLongerFinishesAnEndedRun() throws Exception {
            givenStarted()
                   .andThenAPublished(new RunInterruptedEvent(RUN, later(Duration.ofSeconds(10)), "stop"))
                   .whenTimeElapses(DURATION)
                   .expectDispatchedCommands(RELEASE, RELEASE);
        }

        @Test
        void aSecondEndEventReleasesNothingMore() {
            givenStarted()
                   .andThenAPublished(new RunInterruptedEvent(RUN, later(Duration.ofSeconds(10)), "stop"))
                   .whenPublishingA(new RunCompletedEvent(RUN, later(Duration.ofSeconds(11)), "late"))
                   .expectNoDispatchedCommands();
        }

        @Test
        void theSagaEndsOnceTheSlotIsReleased() {
            givenStarted()
                   .andThenAPublished(new RunCompletedEvent(RUN, later(Duration.ofSeconds(10)), "done"))
                   .whenPublishingA(new RunSlotReleasedEvent(RunSlots.ID, RUN, 0))
                   .expectNoDispatchedCommands()
                   .expectNoScheduledDeadlines()
                   .expectActiveSagas(0);
        }

        @Test
        void theSlotsOfOtherRunsDoNotConcernIt() {
            givenStarted()
                   .andThenAPublished(new RunCompletedEvent(RUN, later(Duration.ofSeconds(10)), "done"))
                   .whenPublishingA(new RunSlotReleasedEvent(RunSlots.ID, "run-2", 0))
                   .expectActiveSagas(1)
                   .expectScheduledDeadlineWithName(RELEASE_RETRY_FIRST, RELEASE_DEADLINE);
        }
    }

    @Nested
    class ReleaseRetries {

        @Test
        void aReleaseThatFailedIsSentAgainWhenTheSlotIsNotSeenReleased() throws Exception {
            fixture.setCallbackBehavior((payload, metaData) -> {
                if (payload instanceof ReleaseRunSlotCommand) {
                    throw new ConcurrencyException("slots moved on");
                }
                return null;
            });

            givenStarted()
                   .andThenAPublished(new RunCompletedEvent(RUN, later(Duration.ofSeconds(10)), "done"))
                   .whenTimeElapses(RELEASE_RETRY_FIRST)
                   .expectTriggeredDeadlinesWithName(RELEASE_DEADLINE)
                   .expectDispatchedCommands(RELEASE)
                   .expectScheduledDeadlineWithName(RELEASE_RETRY_FIRST.multipliedBy(2), RELEASE_DEADLINE)
                   .expectActiveSagas(1);
        }

        @Test
        void theSagaGivesUpAfterTheLastAttempt() throws Exception {
            givenStarted()
                   .andThenAPublished(new RunCompletedEvent(RUN, later(Duration.ofSeconds(10)), "done"))
                   .andThenTimeElapses(Duration.ofDays(1))
                   .whenTimeElapses(Duration.ofDays(1))
                   .expectNoScheduledDeadlines()
                   .expectActiveSagas(0);
        }

        @Test
        void retriesBackOffUpToTheMaximum() {
            assertThat(RunLifecycleSaga.releaseRetryDelay(1)).isEqualTo(RELEASE_RETRY_FIRST);
            assertThat(RunLifecycleSaga.releaseRetryDelay(2)).isEqualTo(RELEASE_RETRY_FIRST.multipliedBy(2));
            assertThat(RunLifecycleSaga.releaseRetryDelay(3)).isEqualTo(RELEASE_RETRY_FIRST.multipliedBy(4));
            assertThat(RunLifecycleSaga.releaseRetryDelay(RELEASE_ATTEMPTS)).isEqualTo(RELEASE_RETRY_MAX);
        }
    }

    @Test
    void onlyTheRunNotRunningRefusalCountsAsEndedMeanwhile() {
        assertThat(RunLifecycleSaga.endedMeanwhile(new CommandExecutionException("x", null,
                new Refusal(409, "status", "run-not-running", "ended")))).isTrue();
        assertThat(RunLifecycleSaga.endedMeanwhile(new CommandExecutionException("x", null,
                Map.of("status", 409, "field", "status", "rule", "run-not-running")))).isTrue();
        assertThat(RunLifecycleSaga.endedMeanwhile(new CommandExecutionException("x", null,
                new Refusal(404, "runId", "must-exist", "unknown")))).isFalse();
        assertThat(RunLifecycleSaga.endedMeanwhile(new ConcurrencyException("conflict"))).isFalse();
    }
}
