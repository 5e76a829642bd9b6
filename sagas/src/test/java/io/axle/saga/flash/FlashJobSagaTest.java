package io.axle.saga.flash;

import static io.axle.saga.flash.FlashJobSaga.COMMAND_RETRY;
import static io.axle.saga.flash.FlashJobSaga.RELEASE_DEADLINE;
import static io.axle.saga.flash.FlashJobSaga.STEP_DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.axle.api.common.Refusal;
import io.axle.api.flash.AbortFlashJobCommand;
import io.axle.api.flash.FailFlashJobCommand;
import io.axle.api.flash.FlashJobAbortedEvent;
import io.axle.api.flash.FlashJobCancelledEvent;
import io.axle.api.flash.FlashJobCompletedEvent;
import io.axle.api.flash.FlashJobFailedEvent;
import io.axle.api.flash.FlashJobRequestedEvent;
import io.axle.api.flash.FlashJobRolledBackEvent;
import io.axle.api.flash.FlashProgressReportedEvent;
import io.axle.api.flash.FlashStep;
import io.axle.api.flash.FlashStepConfirmedEvent;
import io.axle.api.flash.FlashStepFailedEvent;
import io.axle.api.flash.FlashStepRequestedEvent;
import io.axle.api.flash.RequestFlashStepCommand;
import io.axle.api.flash.TimeOutFlashStepCommand;
import io.axle.api.vehicle.FlashReleasedEvent;
import io.axle.api.vehicle.ReleaseFlashCommand;
import io.axle.saga.flash.FlashJobSaga.StepDeadline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.saga.SimpleResourceInjector;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FlashJobSagaTest {

    private static final String JOB = "flash-1";
    private static final String VEHICLE = "vehicle-1";
    private static final String TO_VERSION = "2.1.0";
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration COMMAND_RETRY_FIRST = FlashProperties.DEFAULT_COMMAND_RETRY;

    private static final FlashJobRequestedEvent JOB_REQUESTED = new FlashJobRequestedEvent(JOB, VEHICLE, "dongle-1",
            "engine", "firmware-7", "2.0.3", TO_VERSION, "ab12", 4096, null, "alice", T0);

    private SagaTestFixture<FlashJobSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(FlashProperties.defaults());
    }

    private static SagaTestFixture<FlashJobSaga> fixtureWith(FlashProperties properties) {
        SagaTestFixture<FlashJobSaga> fixture = new SagaTestFixture<>(FlashJobSaga.class);
        fixture.registerCommandGateway(CommandGateway.class);
        fixture.registerResource(properties);
        return fixture;
    }

    private static FlashStepRequestedEvent requested(FlashStep step, int attempt) {
        return new FlashStepRequestedEvent(JOB, VEHICLE, "dongle-1", "engine", step, attempt, "firmware-7", "ab12",
                4096, "alice", T0);
    }

    private static FlashStepConfirmedEvent confirmed(FlashStep step) {
        return new FlashStepConfirmedEvent(JOB, VEHICLE, step, 1, "ab12", null, T0.plusSeconds(1));
    }

    private static FlashStepFailedEvent failed(FlashStep step, int attempt, String reason) {
        return new FlashStepFailedEvent(JOB, VEHICLE, step, attempt, reason, false, T0.plusSeconds(1));
    }

    private static FlashStepFailedEvent timedOut(FlashStep step, int attempt) {
        return new FlashStepFailedEvent(JOB, VEHICLE, step, attempt, null, true, T0.plusSeconds(1));
    }

    private static RequestFlashStepCommand send(FlashStep step, int attempt) {
        return new RequestFlashStepCommand(JOB, step, attempt);
    }

    private static ReleaseFlashCommand release(String installedVersion, String outcome, String reason) {
        return new ReleaseFlashCommand(VEHICLE, JOB, installedVersion, outcome, reason);
    }

    private static Duration timeout(FlashStep step) {
        return FlashProperties.DEFAULT_TIMEOUTS.get(step);
    }

    /** A saga outside the fixture, for what the fixture cannot show: a stale deadline, the deadline calls made. */
    private static FlashJobSaga sagaWith(CommandGateway gateway, DeadlineManager deadlines) {
        FlashJobSaga saga = new FlashJobSaga();
        new SimpleResourceInjector(gateway, deadlines).injectResources(saga);
        return saga;
    }

    private static CommandGateway acceptingGateway() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.send(any())).thenReturn(CompletableFuture.completedFuture(null));
        return gateway;
    }

    /** The job ran every step before {@code step}, and {@code step}'s first attempt is recorded. */
    private ContinuedGivenState givenAt(FlashStep step) {
        ContinuedGivenState given = fixture.givenCurrentTime(T0).andThenAPublished(JOB_REQUESTED);
        for (FlashStep done : FlashStep.values()) {
            if (done == step || done == FlashStep.RESTORE) {
                break;
            }
            given = given.andThenAPublished(requested(done, 1)).andThenAPublished(confirmed(done));
        }
        return given.andThenAPublished(requested(step, 1));
    }

    /** {@code step}'s attempts up to {@code lastAttempt} timed out, each sent again, and {@code lastAttempt} recorded. */
    private static ContinuedGivenState resentUntil(ContinuedGivenState given, FlashStep step, int lastAttempt) {
        for (int attempt = 1; attempt < lastAttempt; attempt++) {
            given = given.andThenAPublished(timedOut(step, attempt)).andThenAPublished(requested(step, attempt + 1));
        }
        return given;
    }

    /** The backup was confirmed, a step failed, and the restore's first attempt is recorded. */
    private ContinuedGivenState givenRestoring() {
        return givenAt(FlashStep.TRANSFER)
                .andThenAPublished(failed(FlashStep.TRANSFER, 1, "block 12 rejected"))
                .andThenAPublished(requested(FlashStep.RESTORE, 1));
    }

    @Nested
    class Start {

        @Test
        void aRequestedJobAsksForTheDiagnosticSessionAndWaitsForItToBeRecorded() {
            fixture.givenNoPriorActivity()
                   .whenPublishingA(JOB_REQUESTED)
                   .expectActiveSagas(1)
                   .expectAssociationWith("flashJobId", JOB)
                   .expectDispatchedCommands(send(FlashStep.DIAGNOSTIC_SESSION, 1))
                   .expectScheduledDeadlineWithName(COMMAND_RETRY_FIRST, COMMAND_RETRY)
                   .expectNoScheduledDeadlineWithName(timeout(FlashStep.DIAGNOSTIC_SESSION), STEP_DEADLINE);
        }

        @Test
        void aRecordedStepStartsItsDeadlineAndStopsTheRetry() {
            fixture.givenAPublished(JOB_REQUESTED)
                   .whenPublishingA(requested(FlashStep.DIAGNOSTIC_SESSION, 1))
                   .expectNoDispatchedCommands()
                   .expectScheduledDeadline(Duration.ofSeconds(30), new StepDeadline(FlashStep.DIAGNOSTIC_SESSION, 1))
                   .expectNoScheduledDeadlineWithName(COMMAND_RETRY_FIRST, COMMAND_RETRY);
        }
    }

    @Nested
    class Forward {

        @ParameterizedTest
        @EnumSource(value = FlashStep.class, names = {"RESET", "RESTORE"}, mode = EnumSource.Mode.EXCLUDE)
        void aConfirmedStepIsFollowedByTheNext(FlashStep step) {
            FlashStep next = step.next().orElseThrow();
            givenAt(step)
                    .whenPublishingA(confirmed(step))
                    .expectDispatchedCommands(send(next, 1))
                    .expectNoScheduledDeadlineWithName(timeout(step), STEP_DEADLINE)
                    .expectScheduledDeadlineWithName(COMMAND_RETRY_FIRST, COMMAND_RETRY);
        }

        @ParameterizedTest
        @EnumSource(FlashStep.class)
        void eachStepWaitsItsOwnTimeout(FlashStep step) {
            fixture.givenAPublished(JOB_REQUESTED)
                   .whenPublishingA(requested(step, 1))
                   .expectScheduledDeadline(timeout(step), new StepDeadline(step, 1));
        }

        @Test
        void timeoutsComeFromTheSettings() {
            fixture = fixtureWith(new FlashProperties(Map.of(FlashStep.TRANSFER, Duration.ofMinutes(1)), null, null,
                    null, null, null));

            fixture.givenAPublished(JOB_REQUESTED)
                   .whenPublishingA(requested(FlashStep.TRANSFER, 1))
                   .expectScheduledDeadline(Duration.ofMinutes(1), new StepDeadline(FlashStep.TRANSFER, 1))
                   .expectNoScheduledDeadlineWithName(timeout(FlashStep.TRANSFER), STEP_DEADLINE);
        }

        @Test
        void theConfirmedResetSendsNothingMoreTheJobCompletesItself() {
            givenAt(FlashStep.RESET)
                    .whenPublishingA(confirmed(FlashStep.RESET))
                    .expectNoDispatchedCommands()
                    .expectNoScheduledDeadlines()
                    .expectActiveSagas(1);
        }

        @Test
        void aRepeatedConfirmationOfAnEarlierStepSendsNothing() {
            givenAt(FlashStep.ERASE)
                    .whenPublishingA(confirmed(FlashStep.BACKUP))
                    .expectNoDispatchedCommands()
                    .expectScheduledDeadline(timeout(FlashStep.ERASE), new StepDeadline(FlashStep.ERASE, 1));
        }

        @Test
        void eachConfirmedStepIsTimedFromItsRequest() {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            fixture.registerResource(meters);

            givenAt(FlashStep.BACKUP)
                    .whenPublishingA(new FlashStepConfirmedEvent(JOB, VEHICLE, FlashStep.BACKUP, 1, "c0ffee", "2.0.3",
                            T0.plusSeconds(42)))
                    .expectDispatchedCommands(send(FlashStep.ERASE, 1));

            assertThat(meters.get(FlashJobSaga.STEP_TIMER).tag("step", "BACKUP").timer().totalTime(TimeUnit.SECONDS))
                    .isEqualTo(42.0);
        }
    }

    @Nested
    class Completion {

        private ContinuedGivenState givenCompleted() {
            return givenAt(FlashStep.RESET)
                    .andThenAPublished(confirmed(FlashStep.RESET))
                    .andThenAPublished(new FlashJobCompletedEvent(JOB, VEHICLE, "engine", "firmware-7", "2.0.3",
                            TO_VERSION, null, T0.plusSeconds(2)));
        }

        @Test
        void aCompletedJobReleasesTheVehicleWithItsNewVersion() {
            givenAt(FlashStep.RESET)
                    .andThenAPublished(confirmed(FlashStep.RESET))
                    .whenPublishingA(new FlashJobCompletedEvent(JOB, VEHICLE, "engine", "firmware-7", "2.0.3",
                            TO_VERSION, null, T0.plusSeconds(2)))
                    .expectDispatchedCommands(release(TO_VERSION, "COMPLETED", null))
                    .expectScheduledDeadlineWithName(FlashProperties.DEFAULT_RELEASE_RETRY, RELEASE_DEADLINE)
                    .expectActiveSagas(1);
        }

        @Test
        void theSagaEndsOnceTheVehicleIsReleased() {
            givenCompleted()
                    .whenPublishingA(new FlashReleasedEvent(VEHICLE, JOB, "COMPLETED", T0.plusSeconds(3)))
                    .expectNoDispatchedCommands()
                    .expectNoScheduledDeadlines()
                    .expectActiveSagas(0);
        }

        @Test
        void aReleaseNotSeenIsSentAgainWithBackoff() throws Exception {
            givenCompleted()
                    .whenTimeElapses(FlashProperties.DEFAULT_RELEASE_RETRY)
                    .expectDispatchedCommands(release(TO_VERSION, "COMPLETED", null))
                    .expectScheduledDeadlineWithName(FlashProperties.DEFAULT_RELEASE_RETRY.multipliedBy(2),
                            RELEASE_DEADLINE)
                    .expectActiveSagas(1);
        }

        @Test
        void theSagaGivesUpTheReleaseAfterItsLastAttempt() throws Exception {
            fixture = fixtureWith(new FlashProperties(null, null, null, null, Duration.ofSeconds(1), 2));

            givenCompleted()
                    .whenTimeElapses(Duration.ofMinutes(1))
                    .expectDispatchedCommands(release(TO_VERSION, "COMPLETED", null))
                    .expectNoScheduledDeadlines()
                    .expectActiveSagas(0);
        }

        @Test
        void aReleaseSeenBeforeTheJobEndedDoesNotEndTheSaga() {
            givenAt(FlashStep.TRANSFER)
                    .whenPublishingA(new FlashReleasedEvent(VEHICLE, JOB, "ABORTED", T0.plusSeconds(3)))
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1)
                    .expectScheduledDeadline(timeout(FlashStep.TRANSFER), new StepDeadline(FlashStep.TRANSFER, 1));
        }

        @Test
        void aSecondEndEventReleasesNothingMore() {
            givenCompleted()
                    .whenPublishingA(new FlashJobAbortedEvent(JOB, VEHICLE, "engine", "late", null, T0))
                    .expectNoDispatchedCommands();
        }
    }

    @Nested
    class BeforeTheBackup {

        @Test
        void aFailedStepAbortsTheJob() {
            givenAt(FlashStep.SECURITY_ACCESS)
                    .whenPublishingA(failed(FlashStep.SECURITY_ACCESS, 1, "invalid key"))
                    .expectDispatchedCommands(new AbortFlashJobCommand(JOB, "SECURITY_ACCESS failed: invalid key"))
                    .expectNoScheduledDeadlineWithName(timeout(FlashStep.SECURITY_ACCESS), STEP_DEADLINE)
                    .expectScheduledDeadlineWithName(COMMAND_RETRY_FIRST, COMMAND_RETRY);
        }

        @Test
        void aFailedBackupAbortsTheJobNothingWasWritten() {
            givenAt(FlashStep.BACKUP)
                    .whenPublishingA(failed(FlashStep.BACKUP, 1, "read error"))
                    .expectDispatchedCommands(new AbortFlashJobCommand(JOB, "BACKUP failed: read error"));
        }

        @Test
        void aStepStillTimingOutAtItsLastAttemptAbortsTheJob() {
            resentUntil(givenAt(FlashStep.DIAGNOSTIC_SESSION), FlashStep.DIAGNOSTIC_SESSION, 3)
                    .whenPublishingA(timedOut(FlashStep.DIAGNOSTIC_SESSION, 3))
                    .expectDispatchedCommands(new AbortFlashJobCommand(JOB, "DIAGNOSTIC_SESSION timed out"));
        }

        @Test
        void anAbortNotSeenIsSentAgain() throws Exception {
            givenAt(FlashStep.BACKUP)
                    .andThenAPublished(failed(FlashStep.BACKUP, 1, "read error"))
                    .whenTimeElapses(COMMAND_RETRY_FIRST)
                    .expectDispatchedCommands(new AbortFlashJobCommand(JOB, "BACKUP failed: read error"))
                    .expectScheduledDeadlineWithName(COMMAND_RETRY_FIRST.multipliedBy(2), COMMAND_RETRY);
        }

        @Test
        void theAbortedJobReleasesTheVehicleWithItsVersionUnchanged() {
            givenAt(FlashStep.BACKUP)
                    .andThenAPublished(failed(FlashStep.BACKUP, 1, "read error"))
                    .whenPublishingA(new FlashJobAbortedEvent(JOB, VEHICLE, "engine", "BACKUP failed: read error",
                            null, T0.plusSeconds(2)))
                    .expectDispatchedCommands(release(null, "ABORTED", "BACKUP failed: read error"))
                    .expectNoScheduledDeadlineWithName(COMMAND_RETRY_FIRST, COMMAND_RETRY)
                    .expectScheduledDeadlineWithName(FlashProperties.DEFAULT_RELEASE_RETRY, RELEASE_DEADLINE);
        }

        @Test
        void aLateConfirmationOfTheFailedStepDoesNotGoOn() {
            givenAt(FlashStep.BACKUP)
                    .andThenAPublished(failed(FlashStep.BACKUP, 1, "read error"))
                    .whenPublishingA(confirmed(FlashStep.BACKUP))
                    .expectNoDispatchedCommands();
        }
    }

    @Nested
    class Rollback {

        @ParameterizedTest
        @EnumSource(value = FlashStep.class, names = {"ERASE", "TRANSFER", "TRANSFER_EXIT", "VERIFY", "RESET"})
        void aFailureOnceTheBackupIsConfirmedRestoresIt(FlashStep step) {
            givenAt(step)
                    .whenPublishingA(failed(step, 1, "negative response 0x72"))
                    .expectDispatchedCommands(send(FlashStep.RESTORE, 1))
                    .expectNoScheduledDeadlineWithName(timeout(step), STEP_DEADLINE)
                    .expectScheduledDeadlineWithName(COMMAND_RETRY_FIRST, COMMAND_RETRY);
        }

        @Test
        void aTimedOutEraseIsNeverSentAgainTheBackupIsRestored() {
            givenAt(FlashStep.ERASE)
                    .whenPublishingA(timedOut(FlashStep.ERASE, 1))
                    .expectDispatchedCommands(send(FlashStep.RESTORE, 1));
        }

        @Test
        void aTransferStillTimingOutAtItsLastAttemptRestoresTheBackup() {
            resentUntil(givenAt(FlashStep.TRANSFER), FlashStep.TRANSFER, 3)
                    .whenPublishingA(timedOut(FlashStep.TRANSFER, 3))
                    .expectDispatchedCommands(send(FlashStep.RESTORE, 1));
        }

        @Test
        void theRestoreHasItsOwnDeadline() {
            givenAt(FlashStep.TRANSFER)
                    .andThenAPublished(failed(FlashStep.TRANSFER, 1, "block 12 rejected"))
                    .whenPublishingA(requested(FlashStep.RESTORE, 1))
                    .expectNoDispatchedCommands()
                    .expectScheduledDeadline(timeout(FlashStep.RESTORE), new StepDeadline(FlashStep.RESTORE, 1))
                    .expectNoScheduledDeadlineWithName(COMMAND_RETRY_FIRST, COMMAND_RETRY);
        }

        @Test
        void theConfirmedRestoreSendsNothingMoreTheJobRollsBackItself() {
            givenRestoring()
                    .whenPublishingA(confirmed(FlashStep.RESTORE))
                    .expectNoDispatchedCommands()
                    .expectNoScheduledDeadlines();
        }

        @Test
        void theRolledBackJobReleasesTheVehicleWithItsVersionUnchanged() {
            givenRestoring()
                    .andThenAPublished(confirmed(FlashStep.RESTORE))
                    .whenPublishingA(new FlashJobRolledBackEvent(JOB, VEHICLE, "engine", "2.0.3",
                            "TRANSFER failed: block 12 rejected", null, T0.plusSeconds(5)))
                    .expectDispatchedCommands(release(null, "ROLLED_BACK", "TRANSFER failed: block 12 rejected"));
        }

        @Test
        void aFailedRestoreIsTriedAgain() {
            givenRestoring()
                    .whenPublishingA(failed(FlashStep.RESTORE, 1, "checksum mismatch"))
                    .expectDispatchedCommands(send(FlashStep.RESTORE, 2));
        }

        @Test
        void aRestoreTimingOutIsTriedAgain() {
            givenRestoring()
                    .whenPublishingA(timedOut(FlashStep.RESTORE, 1))
                    .expectDispatchedCommands(send(FlashStep.RESTORE, 2));
        }

        @Test
        void aRestoreFailingAtItsLastAttemptFailsTheJob() {
            resentUntil(givenRestoring(), FlashStep.RESTORE, 3)
                    .whenPublishingA(failed(FlashStep.RESTORE, 3, "checksum mismatch"))
                    .expectDispatchedCommands(new FailFlashJobCommand(JOB,
                            "restore failed after 3 attempt(s): RESTORE failed: checksum mismatch"))
                    .expectScheduledDeadlineWithName(COMMAND_RETRY_FIRST, COMMAND_RETRY);
        }

        @Test
        void restoreAttemptsComeFromTheSettings() {
            fixture = fixtureWith(new FlashProperties(null, null, 1, null, null, null));

            givenRestoring()
                    .whenPublishingA(failed(FlashStep.RESTORE, 1, "checksum mismatch"))
                    .expectDispatchedCommands(new FailFlashJobCommand(JOB,
                            "restore failed after 1 attempt(s): RESTORE failed: checksum mismatch"));
        }

        @Test
        void theFailedJobReleasesTheVehicleRaisingItsAlarm() {
            givenRestoring()
                    .andThenAPublished(failed(FlashStep.RESTORE, 1, "no answer"))
                    .whenPublishingA(new FlashJobFailedEvent(JOB, VEHICLE, "engine", "restore failed", null,
                            T0.plusSeconds(9)))
                    .expectDispatchedCommands(release(null, "FAILED", "restore failed"))
                    .expectNoScheduledDeadlineWithName(COMMAND_RETRY_FIRST, COMMAND_RETRY)
                    .expectScheduledDeadlineWithName(FlashProperties.DEFAULT_RELEASE_RETRY, RELEASE_DEADLINE);
        }
    }

    @Nested
    class Timeouts {

        @Test
        void anUnansweredStepIsTimedOutAtItsDeadline() throws Exception {
            givenAt(FlashStep.BACKUP)
                    .whenTimeElapses(timeout(FlashStep.BACKUP))
                    .expectTriggeredDeadlinesWithName(STEP_DEADLINE)
                    .expectDispatchedCommands(new TimeOutFlashStepCommand(JOB, FlashStep.BACKUP, 1))
                    .expectScheduledDeadline(COMMAND_RETRY_FIRST, new StepDeadline(FlashStep.BACKUP, 1));
        }

        @Test
        void nothingIsTimedOutBeforeTheDeadline() throws Exception {
            givenAt(FlashStep.BACKUP)
                    .whenTimeElapses(timeout(FlashStep.BACKUP).minusSeconds(1))
                    .expectNoDispatchedCommands();
        }

        @Test
        void theTimeoutIsSentAgainUntilTheJobRecordsIt() throws Exception {
            givenAt(FlashStep.BACKUP)
                    .andThenTimeElapses(timeout(FlashStep.BACKUP))
                    .whenTimeElapses(COMMAND_RETRY_FIRST)
                    .expectDispatchedCommands(new TimeOutFlashStepCommand(JOB, FlashStep.BACKUP, 1));
        }

        @Test
        void aTimedOutStepIsSentAgainWithTheNextAttempt() {
            givenAt(FlashStep.TRANSFER)
                    .whenPublishingA(timedOut(FlashStep.TRANSFER, 1))
                    .expectDispatchedCommands(send(FlashStep.TRANSFER, 2))
                    .expectNoScheduledDeadlineWithName(timeout(FlashStep.TRANSFER), STEP_DEADLINE);
        }

        @Test
        void theResentAttemptGetsAFreshDeadline() throws Exception {
            givenAt(FlashStep.TRANSFER)
                    .andThenAPublished(timedOut(FlashStep.TRANSFER, 1))
                    .whenPublishingA(requested(FlashStep.TRANSFER, 2))
                    .expectScheduledDeadline(timeout(FlashStep.TRANSFER), new StepDeadline(FlashStep.TRANSFER, 2));
        }

        @Test
        void stepAttemptsComeFromTheSettings() {
            fixture = fixtureWith(new FlashProperties(null, 1, null, null, null, null));

            givenAt(FlashStep.TRANSFER)
                    .whenPublishingA(timedOut(FlashStep.TRANSFER, 1))
                    .expectDispatchedCommands(send(FlashStep.RESTORE, 1));
        }

        @Test
        void aFailureOfAnEarlierAttemptIsStale() {
            resentUntil(givenAt(FlashStep.TRANSFER), FlashStep.TRANSFER, 2)
                    .whenPublishingA(timedOut(FlashStep.TRANSFER, 1))
                    .expectNoDispatchedCommands();
        }

        @Test
        void progressMovesTheTransferDeadline() throws Exception {
            givenAt(FlashStep.TRANSFER)
                    .andThenTimeElapses(Duration.ofMinutes(9))
                    .andThenAPublished(new FlashProgressReportedEvent(JOB, VEHICLE, FlashStep.TRANSFER, 40,
                            T0.plus(Duration.ofMinutes(9))))
                    .whenTimeElapses(Duration.ofMinutes(2))
                    .expectNoDispatchedCommands()
                    .expectScheduledDeadline(Duration.ofMinutes(8), new StepDeadline(FlashStep.TRANSFER, 1));
        }

        @Test
        void progressWithinATenthOfTheTimeoutLeavesTheDeadlineWhereItIs() throws Exception {
            givenAt(FlashStep.TRANSFER)
                    .andThenTimeElapses(Duration.ofSeconds(30))
                    .whenPublishingA(new FlashProgressReportedEvent(JOB, VEHICLE, FlashStep.TRANSFER, 5,
                            T0.plusSeconds(30)))
                    .expectScheduledDeadline(Duration.ofSeconds(570), new StepDeadline(FlashStep.TRANSFER, 1))
                    .expectNoScheduledDeadlineWithName(timeout(FlashStep.TRANSFER), STEP_DEADLINE);
        }

        @Test
        void aProgressAboutAnotherStepMovesNothing() throws Exception {
            givenAt(FlashStep.TRANSFER_EXIT)
                    .andThenTimeElapses(Duration.ofSeconds(29))
                    .andThenAPublished(new FlashProgressReportedEvent(JOB, VEHICLE, FlashStep.TRANSFER, 100,
                            T0.plusSeconds(29)))
                    .whenTimeElapses(Duration.ofSeconds(1))
                    .expectDispatchedCommands(new TimeOutFlashStepCommand(JOB, FlashStep.TRANSFER_EXIT, 1));
        }

        /** The deadline fires after the step moved on, before its cancellation took effect. */
        @Test
        void aDeadlineOfAStepNoLongerAwaitedSendsNothing() {
            CommandGateway gateway = acceptingGateway();
            DeadlineManager deadlines = mock(DeadlineManager.class);
            FlashJobSaga saga = sagaWith(gateway, deadlines);
            saga.on(JOB_REQUESTED);
            saga.on(requested(FlashStep.DIAGNOSTIC_SESSION, 1));
            saga.on(timedOut(FlashStep.DIAGNOSTIC_SESSION, 1));
            saga.on(requested(FlashStep.DIAGNOSTIC_SESSION, 2));

            saga.onStepDeadline(new StepDeadline(FlashStep.DIAGNOSTIC_SESSION, 1));
            saga.onStepDeadline(new StepDeadline(FlashStep.BACKUP, 2));

            verify(gateway, never()).send(any(TimeOutFlashStepCommand.class));
            saga.onStepDeadline(new StepDeadline(FlashStep.DIAGNOSTIC_SESSION, 2));
            verify(gateway).send(new TimeOutFlashStepCommand(JOB, FlashStep.DIAGNOSTIC_SESSION, 2));
            verify(deadlines).schedule(eq(COMMAND_RETRY_FIRST), eq(STEP_DEADLINE),
                    eq(new StepDeadline(FlashStep.DIAGNOSTIC_SESSION, 2)));
        }
    }

    /** Cancelling a deadline scans the stored deadlines of every flash job, so the saga cancels only what waits. */
    @Nested
    class DeadlineWrites {

        @Test
        void eachStepCancelsItsOwnDeadlineAndTheRetryOnceAndNothingElse() {
            CommandGateway gateway = acceptingGateway();
            DeadlineManager deadlines = mock(DeadlineManager.class);
            FlashJobSaga saga = sagaWith(gateway, deadlines);

            saga.on(JOB_REQUESTED);
            saga.on(requested(FlashStep.DIAGNOSTIC_SESSION, 1));
            saga.on(confirmed(FlashStep.DIAGNOSTIC_SESSION));
            saga.on(requested(FlashStep.SECURITY_ACCESS, 1));

            verify(deadlines, times(1)).cancelAllWithinScope(STEP_DEADLINE);
            verify(deadlines, times(2)).cancelAllWithinScope(COMMAND_RETRY);
            verify(deadlines).schedule(timeout(FlashStep.SECURITY_ACCESS), STEP_DEADLINE,
                    new StepDeadline(FlashStep.SECURITY_ACCESS, 1));
        }
    }

    @Nested
    class FailedCommands {

        @Test
        void aStepRequestNotSeenRecordedIsSentAgainWithBackoff() throws Exception {
            fixture.setCallbackBehavior((payload, metaData) -> {
                throw new ConcurrencyException("the job moved on under us");
            });

            fixture.givenAPublished(JOB_REQUESTED)
                   .whenTimeElapses(COMMAND_RETRY_FIRST)
                   .expectTriggeredDeadlinesWithName(COMMAND_RETRY)
                   .expectDispatchedCommands(send(FlashStep.DIAGNOSTIC_SESSION, 1))
                   .expectScheduledDeadlineWithName(COMMAND_RETRY_FIRST.multipliedBy(2), COMMAND_RETRY);
        }

        @Test
        void aLostNextStepIsSentAgainWithTheSameAttempt() throws Exception {
            givenAt(FlashStep.BACKUP)
                    .andThenAPublished(confirmed(FlashStep.BACKUP))
                    .whenTimeElapses(COMMAND_RETRY_FIRST)
                    .expectDispatchedCommands(send(FlashStep.ERASE, 1));
        }

        @Test
        void aRefusalBecauseTheJobMovedOnSendsNothingElse() {
            fixture.setCallbackBehavior((payload, metaData) -> {
                throw new CommandExecutionException("moved on", null,
                        new Refusal(409, "step", "out-of-order", "TRANSFER is not the next step"));
            });

            givenAt(FlashStep.ERASE)
                    .whenPublishingA(confirmed(FlashStep.ERASE))
                    .expectDispatchedCommands(send(FlashStep.TRANSFER, 1))
                    .expectScheduledDeadlineWithName(COMMAND_RETRY_FIRST, COMMAND_RETRY)
                    .expectActiveSagas(1);
        }

        @Test
        void onlyTheJobMovingOnCountsAsAnExpectedRefusal() {
            for (String rule : new String[] {"out-of-order", "finished", "erase-started"}) {
                assertThat(FlashJobSaga.movedOn(new CommandExecutionException("x", null,
                        new Refusal(409, "step", rule, "moved on")))).as(rule).isTrue();
            }
            assertThat(FlashJobSaga.movedOn(new CommandExecutionException("x", null,
                    Map.of("status", 409, "field", "step", "rule", "finished")))).isTrue();
            assertThat(FlashJobSaga.movedOn(new CommandExecutionException("x", null,
                    new Refusal(404, "flashJobId", "must-exist", "unknown")))).isFalse();
            assertThat(FlashJobSaga.movedOn(new ConcurrencyException("conflict"))).isFalse();
        }
    }

    @Nested
    class Cancellation {

        @Test
        void aCancelledJobStopsWaitingAndReleasesTheVehicle() {
            givenAt(FlashStep.BACKUP)
                    .whenPublishingA(new FlashJobCancelledEvent(JOB, VEHICLE, "engine", "wrong vehicle", "bob", null,
                            T0.plusSeconds(3)))
                    .expectDispatchedCommands(release(null, "CANCELLED", "wrong vehicle"))
                    .expectNoScheduledDeadlineWithName(timeout(FlashStep.BACKUP), STEP_DEADLINE)
                    .expectScheduledDeadlineWithName(FlashProperties.DEFAULT_RELEASE_RETRY, RELEASE_DEADLINE);
        }

        @Test
        void aStepRequestStillPendingIsNotSentAgainOnceCancelled() throws Exception {
            fixture.givenCurrentTime(T0)
                   .andThenAPublished(JOB_REQUESTED)
                   .andThenAPublished(new FlashJobCancelledEvent(JOB, VEHICLE, "engine", "wrong vehicle", "bob",
                           null, T0.plusSeconds(1)))
                   .whenTimeElapses(COMMAND_RETRY_FIRST)
                   .expectNoDispatchedCommands()
                   .expectNoScheduledDeadlineWithName(COMMAND_RETRY_FIRST, COMMAND_RETRY);
        }

        @Test
        void stepsAnsweredAfterTheCancellationSendNothing() {
            givenAt(FlashStep.BACKUP)
                    .andThenAPublished(new FlashJobCancelledEvent(JOB, VEHICLE, "engine", "wrong vehicle", "bob",
                            null, T0.plusSeconds(3)))
                    .whenPublishingA(confirmed(FlashStep.BACKUP))
                    .expectNoDispatchedCommands();
        }
    }
}
