package io.axle.saga.flash;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.common.Refusal;
import io.axle.api.flash.AbortFlashJobCommand;
import io.axle.api.flash.FailFlashJobCommand;
import io.axle.api.flash.FlashJobAbortedEvent;
import io.axle.api.flash.FlashJobCancelledEvent;
import io.axle.api.flash.FlashJobCompletedEvent;
import io.axle.api.flash.FlashJobFailedEvent;
import io.axle.api.flash.FlashJobRequestedEvent;
import io.axle.api.flash.FlashJobRolledBackEvent;
import io.axle.api.flash.FlashJobStatus;
import io.axle.api.flash.FlashProgressReportedEvent;
import io.axle.api.flash.FlashStep;
import io.axle.api.flash.FlashStepConfirmedEvent;
import io.axle.api.flash.FlashStepFailedEvent;
import io.axle.api.flash.FlashStepRequestedEvent;
import io.axle.api.flash.RequestFlashStepCommand;
import io.axle.api.flash.TimeOutFlashStepCommand;
import io.axle.api.vehicle.FlashReleasedEvent;
import io.axle.api.vehicle.ReleaseFlashCommand;
import io.axle.platform.messaging.Refusals;
import io.axle.saga.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Drives one ECU flash, step by step, from its request until the vehicle is released. The FlashJob aggregate records
 * each step, answer and end and guards the order of steps; this saga decides what is sent next and owns every wait.
 *
 * <p>Forward: each confirmed step is followed by the next ({@link FlashStep#next()}), from DIAGNOSTIC_SESSION to
 * RESET; the aggregate ends the job COMPLETED on RESET's confirmation and ROLLED_BACK on RESTORE's. Each requested
 * step gets the {@value #STEP_DEADLINE} deadline ({@link FlashProperties#timeouts()}), moved on by the transfer's
 * progress; when it passes, the saga times the step out ({@link TimeOutFlashStepCommand}, ignored by the job if the
 * answer came meanwhile) and repeats that until the job records it.
 *
 * <p>A failed step: RESTORE is tried again up to {@link FlashProperties#restoreAttempts()}, then the job FAILS (a
 * technician must re-flash the ECU). Any other step that timed out is sent again with the next attempt number up to
 * {@link FlashProperties#stepAttempts()} (the dongle resumes where it was), except ERASE, which is never sent twice.
 * Otherwise, once the backup was confirmed the backup is restored (rollback); before it, nothing was written and the
 * job is aborted.
 *
 * <p>No command is lost: a step, abort or failure sent and not yet seen recorded is sent again on the
 * {@value #COMMAND_RETRY} deadline, from {@link FlashProperties#commandRetry()} doubling. A refusal because the job
 * moved on ({@code out-of-order}, {@code finished}, {@code erase-started}) is expected: its event follows. When the job
 * ends the saga releases the vehicle ({@link ReleaseFlashCommand}, with the new version only for COMPLETED) and sends
 * the release again on the {@value #RELEASE_DEADLINE} deadline until {@link FlashReleasedEvent} is seen, then ends.
 *
 * <p>The state is ids, the awaited step and attempt and a few flags, serialised with Jackson.
 */
@Saga
@JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE, setterVisibility = NONE)
public class FlashJobSaga {

    /** Deadline of the awaited step's answer; its payload is a {@link StepDeadline}. */
    static final String STEP_DEADLINE = "flash-step";
    /** Deadline that sends a step, abort or failure again until the job records it. */
    static final String COMMAND_RETRY = "flash-command-retry";
    /** Deadline that sends the vehicle's release again until it is seen. */
    static final String RELEASE_DEADLINE = "flash-release";
    /** Timer of each step, from its request to its confirmation, tagged {@code step}. */
    static final String STEP_TIMER = "axle.flash.step";
    /** Rules of the refusals a job answers to a command it has moved past. */
    private static final Set<String> MOVED_ON = Set.of("out-of-order", "finished", "erase-started");
    /** Part of a step's timeout that must pass before progress moves its deadline again. */
    private static final int REARM_FRACTION = 10;

    private static final Logger log = LoggerFactory.getLogger(FlashJobSaga.class);

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired(required = false)
    private transient FlashProperties properties;
    @Autowired(required = false)
    private transient MeterRegistry meterRegistry;

    private String flashJobId;
    private String vehicleId;
    /** The step awaited and its attempt: the last one sent, or the job's current one once recorded. */
    private FlashStep step;
    private int attempt;
    /** Whether the awaited step is recorded by the job (its deadline runs) rather than only sent. */
    private boolean stepRecorded;
    /** When the awaited step was requested, and when its deadline was last set (epoch ms). */
    private long stepRequestedAt;
    private long deadlineSetAt;
    /** Whether a step deadline may be waiting: cancelling scans the stored deadlines, so it is done only then. */
    private boolean stepDeadlineSet;
    private boolean backupConfirmed;
    /** The abort or failure sent and not yet seen; null when none. */
    private FlashJobStatus ending;
    private String endingReason;
    private int commandRetries;
    /** How the job ended; null while it runs. */
    private FlashJobStatus outcome;
    private String installedVersion;
    private String outcomeReason;
    private int releaseAttempts;

    @StartSaga
    @SagaEventHandler(associationProperty = "flashJobId")
    void on(FlashJobRequestedEvent event) {
        flashJobId = event.flashJobId();
        vehicleId = event.vehicleId();
        requestStep(FlashStep.DIAGNOSTIC_SESSION, 1);
    }

    /** The job's current step is whatever it recorded last: from here its deadline runs. */
    @SagaEventHandler(associationProperty = "flashJobId")
    void on(FlashStepRequestedEvent event) {
        if (ended() || ending != null) {
            return;
        }
        step = event.step();
        attempt = event.attempt();
        stepRecorded = true;
        stepRequestedAt = event.requestedAt().toEpochMilli();
        stopCommandRetry();
        setStepDeadline(stepRequestedAt);
    }

    /** A transfer that moves is alive; the deadline moves at most once per tenth of the timeout. */
    @SagaEventHandler(associationProperty = "flashJobId")
    void on(FlashProgressReportedEvent event) {
        if (ended() || !stepRecorded || event.step() != step) {
            return;
        }
        long reportedAt = event.reportedAt().toEpochMilli();
        if (reportedAt - deadlineSetAt >= timeout(step).toMillis() / REARM_FRACTION) {
            setStepDeadline(reportedAt);
        }
    }

    @SagaEventHandler(associationProperty = "flashJobId")
    void on(FlashStepConfirmedEvent event) {
        if (ended() || event.step() != step || ending != null) {
            return;
        }
        stopStepDeadline();
        recordTiming(event.step(), event.confirmedAt());
        if (step == FlashStep.BACKUP) {
            backupConfirmed = true;
        }
        step.next().ifPresent(next -> requestStep(next, 1));
    }

    @SagaEventHandler(associationProperty = "flashJobId")
    void on(FlashStepFailedEvent event) {
        if (ended() || event.step() != step || event.attempt() != attempt || ending != null) {
            return;
        }
        stopStepDeadline();
        String reason = reasonOf(event);
        if (step == FlashStep.RESTORE) {
            if (attempt < settings().restoreAttempts()) {
                log.warn("Flash job {}: restoring the backup failed ({}); trying again", flashJobId, reason);
                requestStep(FlashStep.RESTORE, attempt + 1);
            } else {
                end(FlashJobStatus.FAILED, "restore failed after " + attempt + " attempt(s): " + reason);
            }
        } else if (event.timedOut() && step != FlashStep.ERASE && attempt < settings().stepAttempts()) {
            requestStep(step, attempt + 1);
        } else if (backupConfirmed) {
            log.info("Flash job {}: {}; restoring the backup", flashJobId, reason);
            requestStep(FlashStep.RESTORE, 1);
        } else {
            end(FlashJobStatus.ABORTED, reason);
        }
    }

    @DeadlineHandler(deadlineName = STEP_DEADLINE)
    void onStepDeadline(StepDeadline deadline) {
        if (ended() || ending != null || deadline.step() != step || deadline.attempt() != attempt) {
            return;
        }
        send(new TimeOutFlashStepCommand(flashJobId, step, attempt));
        stepDeadlineSet = true;
        deadlineManager.schedule(settings().commandRetry(), STEP_DEADLINE, deadline);
    }

    @DeadlineHandler(deadlineName = COMMAND_RETRY)
    void onCommandNotSeen() {
        if (ended()) {
            return;
        }
        if (ending != null) {
            log.warn("Flash job {}: not yet seen {}; sending it again", flashJobId, ending);
            sendEnding();
        } else if (!stepRecorded) {
            log.warn("Flash job {}: {} attempt {} not yet seen requested; sending it again", flashJobId, step, attempt);
            send(new RequestFlashStepCommand(flashJobId, step, attempt));
        } else {
            return;
        }
        commandRetries++;
        deadlineManager.schedule(Backoff.doubling(settings().commandRetry(), FlashProperties.RETRY_MAX, commandRetries),
                COMMAND_RETRY);
    }

    @SagaEventHandler(associationProperty = "flashJobId")
    void on(FlashJobCompletedEvent event) {
        ended(FlashJobStatus.COMPLETED, event.toVersion(), null);
    }

    @SagaEventHandler(associationProperty = "flashJobId")
    void on(FlashJobRolledBackEvent event) {
        ended(FlashJobStatus.ROLLED_BACK, null, event.reason());
    }

    @SagaEventHandler(associationProperty = "flashJobId")
    void on(FlashJobAbortedEvent event) {
        ended(FlashJobStatus.ABORTED, null, event.reason());
    }

    @SagaEventHandler(associationProperty = "flashJobId")
    void on(FlashJobCancelledEvent event) {
        ended(FlashJobStatus.CANCELLED, null, event.reason());
    }

    @SagaEventHandler(associationProperty = "flashJobId")
    void on(FlashJobFailedEvent event) {
        if (!ended()) {
            log.error("Flash job {} FAILED: the backup of ECU {} on vehicle {} could not be restored ({}). The ECU's "
                    + "image is unknown and the vehicle may not start: keep it off the road until a technician has "
                    + "re-flashed ECU {} with a flash tool and recorded it again.", flashJobId, event.ecu(),
                    vehicleId, event.reason(), event.ecu());
        }
        ended(FlashJobStatus.FAILED, null, event.reason());
    }

    @SagaEventHandler(associationProperty = "flashJobId")
    void on(FlashReleasedEvent event) {
        if (!ended()) {
            log.debug("Flash job {}: vehicle {} released before the job ended; it goes on", flashJobId, vehicleId);
            return;
        }
        deadlineManager.cancelAllWithinScope(RELEASE_DEADLINE);
        SagaLifecycle.end();
    }

    @DeadlineHandler(deadlineName = RELEASE_DEADLINE)
    void onReleaseNotSeen() {
        if (releaseAttempts >= settings().releaseAttempts()) {
            log.error("Flash job {}: vehicle {} was not seen released after {} attempts; giving up. While it is held "
                    + "no other flash can start on it: send ReleaseFlashCommand({}, {}, {}, {}) again.", flashJobId,
                    vehicleId, releaseAttempts, vehicleId, flashJobId, installedVersion, outcome);
            SagaLifecycle.end();
            return;
        }
        log.warn("Flash job {}: vehicle {} is not released yet; asking again (attempt {})", flashJobId, vehicleId,
                releaseAttempts + 1);
        release();
    }

    /** Sends {@code next} and waits until the job records it (the step's own deadline starts then). */
    private void requestStep(FlashStep next, int nextAttempt) {
        step = next;
        attempt = nextAttempt;
        stepRecorded = false;
        send(new RequestFlashStepCommand(flashJobId, next, nextAttempt));
        startCommandRetry();
    }

    /** Asks the job to end {@code status} (ABORTED or FAILED), until its end event is seen. */
    private void end(FlashJobStatus status, String reason) {
        ending = status;
        endingReason = reason;
        sendEnding();
        startCommandRetry();
    }

    private void sendEnding() {
        send(ending == FlashJobStatus.FAILED ? new FailFlashJobCommand(flashJobId, endingReason)
                : new AbortFlashJobCommand(flashJobId, endingReason));
    }

    private void ended(FlashJobStatus status, String version, String reason) {
        if (ended()) {
            return;
        }
        outcome = status;
        installedVersion = version;
        outcomeReason = reason;
        ending = null;
        stopStepDeadline();
        stopCommandRetry();
        release();
    }

    private void release() {
        releaseAttempts++;
        send(new ReleaseFlashCommand(vehicleId, flashJobId, installedVersion, outcome.name(), outcomeReason));
        deadlineManager.schedule(Backoff.doubling(settings().releaseRetry(), FlashProperties.RETRY_MAX,
                releaseAttempts), RELEASE_DEADLINE);
    }

    private void setStepDeadline(long at) {
        stopStepDeadline();
        deadlineSetAt = at;
        stepDeadlineSet = true;
        deadlineManager.schedule(timeout(step), STEP_DEADLINE, new StepDeadline(step, attempt));
    }

    private void stopStepDeadline() {
        if (stepDeadlineSet) {
            deadlineManager.cancelAllWithinScope(STEP_DEADLINE);
            stepDeadlineSet = false;
        }
    }

    private void startCommandRetry() {
        stopCommandRetry();
        commandRetries = 1;
        deadlineManager.schedule(settings().commandRetry(), COMMAND_RETRY);
    }

    private void stopCommandRetry() {
        if (commandRetries > 0) {
            deadlineManager.cancelAllWithinScope(COMMAND_RETRY);
            commandRetries = 0;
        }
    }

    private void recordTiming(FlashStep confirmed, Instant confirmedAt) {
        long millis = confirmedAt.toEpochMilli() - stepRequestedAt;
        if (meterRegistry != null && millis >= 0) {
            Timer.builder(STEP_TIMER).description("Time from a flash step's request to its confirmation")
                 .tag("step", confirmed.name()).register(meterRegistry).record(Duration.ofMillis(millis));
        }
    }

    private void send(Object command) {
        String job = flashJobId;
        commandGateway.send(command).whenComplete((result, failure) -> {
            if (failure == null) {
                return;
            }
            if (movedOn(failure)) {
                log.debug("Flash job {}: {} refused, the job moved on: {}", job, command, failure.getMessage());
            } else {
                log.warn("Flash job {}: {} failed: {}. It is sent again later.", job, command, failure.getMessage());
            }
        });
    }

    private boolean ended() {
        return outcome != null;
    }

    private Duration timeout(FlashStep of) {
        return settings().timeout(of);
    }

    private FlashProperties settings() {
        return properties == null ? FlashProperties.defaults() : properties;
    }

    private static String reasonOf(FlashStepFailedEvent event) {
        String what = event.step() + (event.timedOut() ? " timed out" : " failed");
        return event.reason() == null || event.reason().isBlank() ? what : what + ": " + event.reason();
    }

    /** Whether the command was refused because the job is past it: its own event tells what happened. */
    static boolean movedOn(Throwable failure) {
        Refusal refusal = Refusals.of(failure);
        return refusal != null && MOVED_ON.contains(refusal.rule());
    }

    /** The step and attempt a {@value #STEP_DEADLINE} deadline is about; a deadline of an older one is stale. */
    public record StepDeadline(FlashStep step, int attempt) {
    }
}
