package io.axle.command.flash;

import io.axle.api.flash.AbortFlashJobCommand;
import io.axle.api.flash.CancelFlashJobCommand;
import io.axle.api.flash.FailFlashJobCommand;
import io.axle.api.flash.FlashJobAbortedEvent;
import io.axle.api.flash.FlashJobCancelledEvent;
import io.axle.api.flash.FlashJobCompletedEvent;
import io.axle.api.flash.FlashJobFailedEvent;
import io.axle.api.flash.FlashJobRequestedEvent;
import io.axle.api.flash.FlashJobRolledBackEvent;
import io.axle.api.flash.FlashOutcome;
import io.axle.api.flash.FlashProgressReportedEvent;
import io.axle.api.flash.FlashRollbackStartedEvent;
import io.axle.api.flash.FlashStep;
import io.axle.api.flash.FlashStepConfirmedEvent;
import io.axle.api.flash.FlashStepFailedEvent;
import io.axle.api.flash.FlashStepRequestedEvent;
import io.axle.api.flash.RecordFlashStatusCommand;
import io.axle.api.flash.RequestFlashCommand;
import io.axle.api.flash.RequestFlashStepCommand;
import io.axle.api.flash.TimeOutFlashStepCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.axle.api.flash.FlashStep.BACKUP;
import static io.axle.api.flash.FlashStep.DIAGNOSTIC_SESSION;
import static io.axle.api.flash.FlashStep.ERASE;
import static io.axle.api.flash.FlashStep.RESET;
import static io.axle.api.flash.FlashStep.RESTORE;
import static io.axle.api.flash.FlashStep.SECURITY_ACCESS;
import static io.axle.api.flash.FlashStep.TRANSFER;
import static io.axle.api.flash.FlashStep.TRANSFER_EXIT;
import static io.axle.api.flash.FlashStep.VERIFY;
import static io.axle.command.RefusalMatchers.refusal;

class FlashJobTest {

    private static final String JOB = "job-1";
    private static final String VEHICLE = "v-1";
    private static final String DONGLE = "dongle-7";
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String BACKUP_SUM = "b4c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final FlashJobRequestedEvent REQUESTED = new FlashJobRequestedEvent(JOB, VEHICLE, DONGLE,
            "engine", "fw-15", "1.4.0", "1.5.0", SHA, 524288, null, "alice", T0);

    private AggregateTestFixture<FlashJob> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FlashJob.class);
    }

    private static FlashStepRequestedEvent requested(FlashStep step, int attempt) {
        return step == RESTORE
                ? new FlashStepRequestedEvent(JOB, VEHICLE, DONGLE, "engine", step, attempt, null, BACKUP_SUM, 0,
                "alice", T0)
                : new FlashStepRequestedEvent(JOB, VEHICLE, DONGLE, "engine", step, attempt, "fw-15", SHA, 524288,
                "alice", T0);
    }

    private static FlashStepConfirmedEvent confirmed(FlashStep step, int attempt) {
        return new FlashStepConfirmedEvent(JOB, VEHICLE, step, attempt, step == BACKUP ? BACKUP_SUM
                : step == VERIFY ? SHA : null, step == BACKUP ? "1.4.0" : null, T0);
    }

    private static FlashStepFailedEvent failed(FlashStep step, int attempt, String reason, boolean timedOut) {
        return new FlashStepFailedEvent(JOB, VEHICLE, step, attempt, reason, timedOut, T0);
    }

    /** The job's history up to and including {@code last} sent and confirmed (attempt 1 each). */
    private static List<Object> confirmedUpTo(FlashStep last) {
        List<Object> events = new ArrayList<>(List.of(REQUESTED));
        for (FlashStep step : FlashStep.values()) {
            if (step.ordinal() > last.ordinal()) {
                break;
            }
            events.add(requested(step, 1));
            events.add(confirmed(step, 1));
        }
        return events;
    }

    /** The history with {@code step} sent (attempt 1) after every step before it was confirmed. */
    private static List<Object> awaiting(FlashStep step) {
        List<Object> events = step == DIAGNOSTIC_SESSION ? new ArrayList<>(List.of(REQUESTED))
                : confirmedUpTo(FlashStep.values()[step.ordinal() - 1]);
        events.add(requested(step, 1));
        return events;
    }

    private static List<Object> with(List<Object> events, Object... more) {
        List<Object> all = new ArrayList<>(events);
        all.addAll(List.of(more));
        return all;
    }

    private static RecordFlashStatusCommand ok(FlashStep step, int attempt, String checksum, String version) {
        return new RecordFlashStatusCommand(JOB, DONGLE, step, attempt, FlashOutcome.OK, null, checksum, version,
                null, T0);
    }

    private static RecordFlashStatusCommand failure(FlashStep step, int attempt, String reason) {
        return new RecordFlashStatusCommand(JOB, DONGLE, step, attempt, FlashOutcome.FAILED, null, null, null,
                reason, T0);
    }

    private static RecordFlashStatusCommand progress(int pct) {
        return new RecordFlashStatusCommand(JOB, DONGLE, TRANSFER, 1, FlashOutcome.PROGRESS, pct, null, null, null,
                T0);
    }

    @Nested
    class Requesting {

        @Test
        void aRequestedJobRecordsWhatItWillFlash() {
            fixture.givenNoPriorActivity()
                    .when(new RequestFlashCommand(JOB, VEHICLE, DONGLE, "engine", "fw-15", "1.4.0", "1.5.0", SHA,
                            524288, null, "alice"))
                    .expectEvents(new FlashJobRequestedEvent(JOB, VEHICLE, DONGLE, "engine", "fw-15", "1.4.0",
                            "1.5.0", SHA, 524288, null, "alice", fixture.currentTime()));
        }

        @Test
        void aJobNeedsADongle() {
            fixture.givenNoPriorActivity()
                    .when(new RequestFlashCommand(JOB, VEHICLE, null, "engine", "fw-15", "1.4.0", "1.5.0", SHA,
                            524288, null, "alice"))
                    .expectException(refusal(422, "dongleId", "required"));
        }

        @Test
        void aNegativeSizeIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new RequestFlashCommand(JOB, VEHICLE, DONGLE, "engine", "fw-15", "1.4.0", "1.5.0", SHA,
                            -1, null, "alice"))
                    .expectException(refusal(422, "size", "non-negative"));
        }
    }

    @Nested
    class RequestingSteps {

        @Test
        void theFirstStepIsTheDiagnosticSession() {
            fixture.given(REQUESTED)
                    .when(new RequestFlashStepCommand(JOB, DIAGNOSTIC_SESSION, 1))
                    .expectEvents(new FlashStepRequestedEvent(JOB, VEHICLE, DONGLE, "engine", DIAGNOSTIC_SESSION, 1,
                            "fw-15", SHA, 524288, "alice", fixture.currentTime()));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = FlashStep.class, names = {"SECURITY_ACCESS", "BACKUP", "ERASE", "RESTORE"})
        void nothingElseComesFirst(FlashStep step) {
            fixture.given(REQUESTED)
                    .when(new RequestFlashStepCommand(JOB, step, 1))
                    .expectException(refusal(409, "step", "out-of-order"));
        }

        @ParameterizedTest(name = "after {0}")
        @EnumSource(value = FlashStep.class, names = {"DIAGNOSTIC_SESSION", "SECURITY_ACCESS", "BACKUP", "ERASE",
                "TRANSFER", "TRANSFER_EXIT", "VERIFY"})
        void eachStepFollowsTheConfirmationOfTheOneBefore(FlashStep last) {
            FlashStep next = last.next().orElseThrow();
            fixture.given(confirmedUpTo(last))
                    .when(new RequestFlashStepCommand(JOB, next, 1))
                    .expectEvents(new FlashStepRequestedEvent(JOB, VEHICLE, DONGLE, "engine", next, 1, "fw-15", SHA,
                            524288, "alice", fixture.currentTime()));
        }

        @Test
        void theNextStepWaitsForTheConfirmation() {
            fixture.given(awaiting(SECURITY_ACCESS))
                    .when(new RequestFlashStepCommand(JOB, BACKUP, 1))
                    .expectException(refusal(409, "step", "out-of-order"));
        }

        @Test
        void noStepIsSkipped() {
            fixture.given(confirmedUpTo(SECURITY_ACCESS))
                    .when(new RequestFlashStepCommand(JOB, ERASE, 1))
                    .expectException(refusal(409, "step", "out-of-order"));
        }

        @Test
        void aFailedStepIsNotFollowedByTheNext() {
            fixture.given(with(awaiting(SECURITY_ACCESS), failed(SECURITY_ACCESS, 1, "denied", false)))
                    .when(new RequestFlashStepCommand(JOB, BACKUP, 1))
                    .expectException(refusal(409, "step", "out-of-order"));
        }

        @Test
        void aStepTimedOutIsSentAgainWithTheNextAttempt() {
            fixture.given(with(awaiting(TRANSFER), failed(TRANSFER, 1, FlashJob.NO_ANSWER, true)))
                    .when(new RequestFlashStepCommand(JOB, TRANSFER, 2))
                    .expectEvents(new FlashStepRequestedEvent(JOB, VEHICLE, DONGLE, "engine", TRANSFER, 2, "fw-15",
                            SHA, 524288, "alice", fixture.currentTime()));
        }

        @Test
        void anAwaitedStepMayBeSentAgain() {
            fixture.given(awaiting(BACKUP))
                    .when(new RequestFlashStepCommand(JOB, BACKUP, 2))
                    .expectEvents(requestedNow(BACKUP, 2));
        }

        @Test
        void aResendSkippingAnAttemptIsRefused() {
            fixture.given(awaiting(BACKUP))
                    .when(new RequestFlashStepCommand(JOB, BACKUP, 3))
                    .expectException(refusal(409, "step", "out-of-order"));
        }

        @Test
        void aConfirmedStepIsNotSentAgain() {
            fixture.given(confirmedUpTo(BACKUP))
                    .when(new RequestFlashStepCommand(JOB, BACKUP, 2))
                    .expectException(refusal(409, "step", "out-of-order"));
        }

        @Test
        void theSameRequestAgainChangesNothing() {
            fixture.given(awaiting(BACKUP))
                    .when(new RequestFlashStepCommand(JOB, BACKUP, 1))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void eraseIsNeverSentTwice() {
            fixture.given(with(awaiting(ERASE), failed(ERASE, 1, FlashJob.NO_ANSWER, true)))
                    .when(new RequestFlashStepCommand(JOB, ERASE, 2))
                    .expectException(refusal(409, "step", "erase-once"));
            fixture.given(confirmedUpTo(TRANSFER))
                    .when(new RequestFlashStepCommand(JOB, ERASE, 1))
                    .expectException(refusal(409, "step", "erase-once"));
        }

        @Test
        void anEndedJobSendsNothing() {
            fixture.given(with(confirmedUpTo(RESET), completed()))
                    .when(new RequestFlashStepCommand(JOB, DIAGNOSTIC_SESSION, 1))
                    .expectException(refusal(409, "status", "finished"));
        }
    }

    private FlashStepRequestedEvent requestedNow(FlashStep step, int attempt) {
        FlashStepRequestedEvent event = requested(step, attempt);
        return new FlashStepRequestedEvent(JOB, VEHICLE, DONGLE, "engine", step, attempt, event.firmwareId(),
                event.sha256(), event.size(), "alice", fixture.currentTime());
    }

    private static FlashJobCompletedEvent completed() {
        return new FlashJobCompletedEvent(JOB, VEHICLE, "engine", "fw-15", "1.4.0", "1.5.0", null, T0);
    }

    @Nested
    class RollingBack {

        private final FlashStepFailedEvent verifyFailed = failed(VERIFY, 1, "checksum read back 00, expected "
                + SHA, false);

        @Test
        void theFirstRestoreStartsTheRollbackWithTheLastFailure() {
            fixture.given(with(awaiting(VERIFY), verifyFailed))
                    .when(new RequestFlashStepCommand(JOB, RESTORE, 1))
                    .expectEvents(new FlashRollbackStartedEvent(JOB, VEHICLE, "VERIFY: checksum read back 00, "
                                    + "expected " + SHA, fixture.currentTime()),
                            new FlashStepRequestedEvent(JOB, VEHICLE, DONGLE, "engine", RESTORE, 1, null, BACKUP_SUM,
                                    0, "alice", fixture.currentTime()));
        }

        @Test
        void aRestoreMayFollowAnyStepOnceTheBackupIsConfirmed() {
            fixture.given(confirmedUpTo(BACKUP))
                    .when(new RequestFlashStepCommand(JOB, RESTORE, 1))
                    .expectEvents(new FlashRollbackStartedEvent(JOB, VEHICLE, FlashJob.NO_FAILURE,
                            fixture.currentTime()), requestedNow(RESTORE, 1));
        }

        @Test
        void noRestoreWithoutABackup() {
            fixture.given(with(awaiting(BACKUP), failed(BACKUP, 1, FlashJob.NO_BACKUP_CHECKSUM, false)))
                    .when(new RequestFlashStepCommand(JOB, RESTORE, 1))
                    .expectException(refusal(409, "step", "out-of-order"));
        }

        @Test
        void aFailedRestoreIsSentAgainWithTheNextAttemptOnly() {
            List<Object> history = with(awaiting(VERIFY), verifyFailed,
                    new FlashRollbackStartedEvent(JOB, VEHICLE, "VERIFY: bad", T0), requested(RESTORE, 1),
                    failed(RESTORE, 1, "write error", false));
            fixture.given(history)
                    .when(new RequestFlashStepCommand(JOB, RESTORE, 2))
                    .expectEvents(requestedNow(RESTORE, 2));
            fixture.given(history)
                    .when(new RequestFlashStepCommand(JOB, RESTORE, 3))
                    .expectException(refusal(409, "step", "out-of-order"));
        }

        @Test
        void noForwardStepDuringARollback() {
            fixture.given(with(awaiting(VERIFY), verifyFailed,
                            new FlashRollbackStartedEvent(JOB, VEHICLE, "VERIFY: bad", T0), requested(RESTORE, 1)))
                    .when(new RequestFlashStepCommand(JOB, VERIFY, 2))
                    .expectException(refusal(409, "step", "out-of-order"));
        }

        @Test
        void aRestoreReadingBackTheBackupRollsTheJobBack() {
            fixture.given(with(awaiting(VERIFY), verifyFailed,
                            new FlashRollbackStartedEvent(JOB, VEHICLE, "VERIFY: bad", T0), requested(RESTORE, 1)))
                    .when(ok(RESTORE, 1, BACKUP_SUM.toUpperCase(), null))
                    .expectEvents(new FlashStepConfirmedEvent(JOB, VEHICLE, RESTORE, 1, BACKUP_SUM.toUpperCase(),
                                    null, fixture.currentTime()),
                            new FlashJobRolledBackEvent(JOB, VEHICLE, "engine", "1.4.0", "VERIFY: bad", null,
                                    fixture.currentTime()));
        }

        @Test
        void aRestoreReadingBackAnythingElseFails() {
            fixture.given(with(awaiting(VERIFY), verifyFailed,
                            new FlashRollbackStartedEvent(JOB, VEHICLE, "VERIFY: bad", T0), requested(RESTORE, 1)))
                    .when(ok(RESTORE, 1, "0000", null))
                    .expectEvents(new FlashStepFailedEvent(JOB, VEHICLE, RESTORE, 1, "checksum read back 0000, "
                            + "expected " + BACKUP_SUM, false, fixture.currentTime()));
        }
    }

    @Nested
    class RecordingAnswers {

        @Test
        void anOkConfirmsTheAwaitedStep() {
            fixture.given(awaiting(SECURITY_ACCESS))
                    .when(ok(SECURITY_ACCESS, 1, null, null))
                    .expectEvents(new FlashStepConfirmedEvent(JOB, VEHICLE, SECURITY_ACCESS, 1, null, null,
                            fixture.currentTime()));
        }

        @Test
        void theBackupIsConfirmedWithItsChecksumAndVersion() {
            fixture.given(awaiting(BACKUP))
                    .when(ok(BACKUP, 1, " " + BACKUP_SUM + " ", "1.4.0"))
                    .expectEvents(new FlashStepConfirmedEvent(JOB, VEHICLE, BACKUP, 1, BACKUP_SUM, "1.4.0",
                            fixture.currentTime()));
        }

        @Test
        void aBackupWithoutChecksumFails() {
            fixture.given(awaiting(BACKUP))
                    .when(ok(BACKUP, 1, " ", "1.4.0"))
                    .expectEvents(new FlashStepFailedEvent(JOB, VEHICLE, BACKUP, 1, FlashJob.NO_BACKUP_CHECKSUM,
                            false, fixture.currentTime()));
        }

        @Test
        void verifyAcceptsTheFirmwaresChecksumInAnyCase() {
            fixture.given(awaiting(VERIFY))
                    .when(ok(VERIFY, 1, SHA.toUpperCase(), null))
                    .expectEvents(new FlashStepConfirmedEvent(JOB, VEHICLE, VERIFY, 1, SHA.toUpperCase(), null,
                            fixture.currentTime()));
        }

        @Test
        void verifyReadingBackAnotherChecksumFails() {
            fixture.given(awaiting(VERIFY))
                    .when(ok(VERIFY, 1, "abc", null))
                    .expectEvents(new FlashStepFailedEvent(JOB, VEHICLE, VERIFY, 1,
                            "checksum read back abc, expected " + SHA, false, fixture.currentTime()));
        }

        @Test
        void verifyWithoutChecksumFails() {
            fixture.given(awaiting(VERIFY))
                    .when(ok(VERIFY, 1, null, null))
                    .expectEvents(new FlashStepFailedEvent(JOB, VEHICLE, VERIFY, 1,
                            "checksum read back null, expected " + SHA, false, fixture.currentTime()));
        }

        @Test
        void theResetCompletesTheJob() {
            fixture.given(awaiting(RESET))
                    .when(ok(RESET, 1, null, null))
                    .expectEvents(new FlashStepConfirmedEvent(JOB, VEHICLE, RESET, 1, null, null,
                                    fixture.currentTime()),
                            new FlashJobCompletedEvent(JOB, VEHICLE, "engine", "fw-15", "1.4.0", "1.5.0", null,
                                    fixture.currentTime()));
        }

        @Test
        void aFailureIsRecordedWithTheDonglesReason() {
            fixture.given(awaiting(ERASE))
                    .when(failure(ERASE, 1, " programming voltage low "))
                    .expectEvents(failedNow(ERASE, 1, "programming voltage low", false));
            fixture.given(awaiting(ERASE))
                    .when(failure(ERASE, 1, null))
                    .expectEvents(failedNow(ERASE, 1, FlashJob.DEFAULT_STEP_FAILURE, false));
        }

        @Test
        void progressIsRecordedOnlyWhenItGrows() {
            fixture.given(awaiting(TRANSFER))
                    .when(progress(40))
                    .expectEvents(new FlashProgressReportedEvent(JOB, VEHICLE, TRANSFER, 40, fixture.currentTime()));
            fixture.given(with(awaiting(TRANSFER), new FlashProgressReportedEvent(JOB, VEHICLE, TRANSFER, 40, T0)))
                    .when(progress(40))
                    .expectNoEvents();
            fixture.given(with(awaiting(TRANSFER), new FlashProgressReportedEvent(JOB, VEHICLE, TRANSFER, 40, T0)))
                    .when(progress(30))
                    .expectNoEvents();
        }

        @Test
        void progressOfAResendContinuesFromWhereItWas() {
            fixture.given(with(awaiting(TRANSFER), new FlashProgressReportedEvent(JOB, VEHICLE, TRANSFER, 40, T0),
                            failed(TRANSFER, 1, FlashJob.NO_ANSWER, true), requested(TRANSFER, 2)))
                    .when(new RecordFlashStatusCommand(JOB, DONGLE, TRANSFER, 2, FlashOutcome.PROGRESS, 40, null,
                            null, null, T0))
                    .expectNoEvents();
        }

        @Test
        void progressOutOfRangeIsRefused() {
            fixture.given(awaiting(TRANSFER))
                    .when(progress(101))
                    .expectException(refusal(422, "progressPct", "range"));
        }

        @Test
        void anotherDongleIsRefused() {
            fixture.given(awaiting(TRANSFER))
                    .when(new RecordFlashStatusCommand(JOB, "dongle-8", TRANSFER, 1, FlashOutcome.OK, null, null,
                            null, null, T0))
                    .expectException(refusal(403, "dongleId", "not-the-job-dongle"));
        }

        @Test
        void aDuplicateAnswerChangesNothing() {
            fixture.given(with(awaiting(TRANSFER), confirmed(TRANSFER, 1)))
                    .when(ok(TRANSFER, 1, null, null))
                    .expectNoEvents();
            fixture.given(with(awaiting(TRANSFER), failed(TRANSFER, 1, "bad block", false)))
                    .when(failure(TRANSFER, 1, "bad block"))
                    .expectNoEvents();
        }

        @Test
        void anAnswerAboutAnotherStepOrAttemptChangesNothing() {
            fixture.given(with(confirmedUpTo(TRANSFER), requested(TRANSFER_EXIT, 1)))
                    .when(ok(TRANSFER, 1, null, null))
                    .expectNoEvents();
            fixture.given(with(awaiting(TRANSFER), failed(TRANSFER, 1, FlashJob.NO_ANSWER, true),
                            requested(TRANSFER, 2)))
                    .when(failure(TRANSFER, 1, "late"))
                    .expectNoEvents();
        }

        @Test
        void anAnswerAfterTheTimeoutOfItsAttemptChangesNothing() {
            fixture.given(with(awaiting(TRANSFER), failed(TRANSFER, 1, FlashJob.NO_ANSWER, true)))
                    .when(ok(TRANSFER, 1, null, null))
                    .expectNoEvents();
        }

        @Test
        void anAnswerAfterTheEndChangesNothing() {
            fixture.given(with(confirmedUpTo(RESET), completed()))
                    .when(ok(RESET, 1, null, null))
                    .expectNoEvents();
            fixture.given(REQUESTED, new FlashJobCancelledEvent(JOB, VEHICLE, "engine", "no", "bob", null, T0))
                    .when(ok(DIAGNOSTIC_SESSION, 1, null, null))
                    .expectNoEvents();
        }
    }

    private FlashStepFailedEvent failedNow(FlashStep step, int attempt, String reason, boolean timedOut) {
        return new FlashStepFailedEvent(JOB, VEHICLE, step, attempt, reason, timedOut, fixture.currentTime());
    }

    @Nested
    class TimingOut {

        @Test
        void theAwaitedAttemptTimesOut() {
            fixture.given(awaiting(ERASE))
                    .when(new TimeOutFlashStepCommand(JOB, ERASE, 1))
                    .expectEvents(failedNow(ERASE, 1, FlashJob.NO_ANSWER, true));
        }

        @Test
        void aStaleDeadlineChangesNothing() {
            fixture.given(with(awaiting(ERASE), confirmed(ERASE, 1)))
                    .when(new TimeOutFlashStepCommand(JOB, ERASE, 1))
                    .expectNoEvents();
            fixture.given(with(awaiting(BACKUP), requested(BACKUP, 2)))
                    .when(new TimeOutFlashStepCommand(JOB, BACKUP, 1))
                    .expectNoEvents();
            fixture.given(with(awaiting(BACKUP), failed(BACKUP, 1, FlashJob.NO_ANSWER, true)))
                    .when(new TimeOutFlashStepCommand(JOB, BACKUP, 1))
                    .expectNoEvents();
            fixture.given(with(confirmedUpTo(ERASE), requested(TRANSFER, 1)))
                    .when(new TimeOutFlashStepCommand(JOB, ERASE, 1))
                    .expectNoEvents();
        }

        @Test
        void anEndedJobDoesNotTimeOut() {
            fixture.given(with(awaiting(BACKUP), new FlashJobCancelledEvent(JOB, VEHICLE, "engine", "no", "bob",
                            null, T0)))
                    .when(new TimeOutFlashStepCommand(JOB, BACKUP, 1))
                    .expectNoEvents();
        }
    }

    @Nested
    class Aborting {

        @Test
        void aJobIsAbortedBeforeErasing() {
            fixture.given(with(awaiting(BACKUP), failed(BACKUP, 1, "read error", false)))
                    .when(new AbortFlashJobCommand(JOB, "backup failed"))
                    .expectEvents(new FlashJobAbortedEvent(JOB, VEHICLE, "engine", "backup failed", null,
                            fixture.currentTime()));
        }

        @Test
        void withoutAReasonTheLastFailureIsGiven() {
            fixture.given(with(awaiting(BACKUP), failed(BACKUP, 1, "read error", false)))
                    .when(new AbortFlashJobCommand(JOB, null))
                    .expectEvents(new FlashJobAbortedEvent(JOB, VEHICLE, "engine", "BACKUP: read error", null,
                            fixture.currentTime()));
        }

        @Test
        void aJobAbortedBeforeAnyFailureSaysSo() {
            fixture.given(REQUESTED)
                    .when(new AbortFlashJobCommand(JOB, " "))
                    .expectEvents(new FlashJobAbortedEvent(JOB, VEHICLE, "engine", FlashJob.NO_FAILURE, null,
                            fixture.currentTime()));
        }

        @Test
        void notOnceEraseWasSent() {
            fixture.given(with(awaiting(ERASE), failed(ERASE, 1, "no", false)))
                    .when(new AbortFlashJobCommand(JOB, "erase failed"))
                    .expectException(refusal(409, "status", "erase-started"));
        }

        @Test
        void abortingTwiceChangesNothingAndAnotherEndIsFinal() {
            fixture.given(REQUESTED, new FlashJobAbortedEvent(JOB, VEHICLE, "engine", "x", null, T0))
                    .when(new AbortFlashJobCommand(JOB, "again"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(REQUESTED, new FlashJobCancelledEvent(JOB, VEHICLE, "engine", "no", "bob", null, T0))
                    .when(new AbortFlashJobCommand(JOB, "late"))
                    .expectException(refusal(409, "status", "finished"));
        }
    }

    @Nested
    class Failing {

        @Test
        void aRestoreGivenUpFailsTheJob() {
            fixture.given(with(awaiting(VERIFY), failed(VERIFY, 1, "bad", false),
                            new FlashRollbackStartedEvent(JOB, VEHICLE, "VERIFY: bad", T0), requested(RESTORE, 1),
                            failed(RESTORE, 1, "write error", false)))
                    .when(new FailFlashJobCommand(JOB, "restore failed 3 times"))
                    .expectEvents(new FlashJobFailedEvent(JOB, VEHICLE, "engine", "restore failed 3 times", null,
                            fixture.currentTime()));
        }

        @Test
        void anEndedJobDoesNotFail() {
            fixture.given(with(confirmedUpTo(RESET), completed()))
                    .when(new FailFlashJobCommand(JOB, "late"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Cancelling {

        @Test
        void aJobIsCancelledBeforeErasing() {
            fixture.given(confirmedUpTo(BACKUP))
                    .when(new CancelFlashJobCommand(JOB, null, "bob"))
                    .expectEvents(new FlashJobCancelledEvent(JOB, VEHICLE, "engine", FlashJob.DEFAULT_CANCEL_REASON,
                            "bob", null, fixture.currentTime()));
            fixture.given(REQUESTED)
                    .when(new CancelFlashJobCommand(JOB, " wrong vehicle ", "bob"))
                    .expectEvents(new FlashJobCancelledEvent(JOB, VEHICLE, "engine", "wrong vehicle", "bob", null,
                            fixture.currentTime()));
        }

        @Test
        void notOnceEraseWasSent() {
            fixture.given(awaiting(ERASE))
                    .when(new CancelFlashJobCommand(JOB, null, "bob"))
                    .expectException(refusal(409, "status", "erase-started"));
        }

        @Test
        void anEndedJobIsNotCancelled() {
            fixture.given(with(confirmedUpTo(RESET), completed()))
                    .when(new CancelFlashJobCommand(JOB, null, "bob"))
                    .expectException(refusal(409, "status", "finished"));
        }

        @Test
        void cancellingTwiceChangesNothing() {
            fixture.given(REQUESTED, new FlashJobCancelledEvent(JOB, VEHICLE, "engine", "no", "bob", null, T0))
                    .when(new CancelFlashJobCommand(JOB, null, "carol"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }
}
