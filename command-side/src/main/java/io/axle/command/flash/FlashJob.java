package io.axle.command.flash;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.flash.AbortFlashJobCommand;
import io.axle.api.flash.CancelFlashJobCommand;
import io.axle.api.flash.FailFlashJobCommand;
import io.axle.api.flash.FlashJobAbortedEvent;
import io.axle.api.flash.FlashJobCancelledEvent;
import io.axle.api.flash.FlashJobCompletedEvent;
import io.axle.api.flash.FlashJobFailedEvent;
import io.axle.api.flash.FlashJobRequestedEvent;
import io.axle.api.flash.FlashJobRolledBackEvent;
import io.axle.api.flash.FlashJobStatus;
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
import io.axle.command.AggregateStorageConfiguration;
import io.axle.command.RuleViolationException;
import io.axle.command.Rules;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.Objects;

import static io.axle.api.flash.FlashJobStatus.ABORTED;
import static io.axle.api.flash.FlashJobStatus.CANCELLED;
import static io.axle.api.flash.FlashJobStatus.COMPLETED;
import static io.axle.api.flash.FlashJobStatus.FAILED;
import static io.axle.api.flash.FlashJobStatus.REQUESTED;
import static io.axle.api.flash.FlashJobStatus.ROLLED_BACK;
import static io.axle.api.flash.FlashJobStatus.ROLLING_BACK;
import static io.axle.api.flash.FlashJobStatus.RUNNING;
import static io.axle.api.flash.FlashStep.BACKUP;
import static io.axle.api.flash.FlashStep.DIAGNOSTIC_SESSION;
import static io.axle.api.flash.FlashStep.ERASE;
import static io.axle.api.flash.FlashStep.RESET;
import static io.axle.api.flash.FlashStep.RESTORE;
import static io.axle.api.flash.FlashStep.VERIFY;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One ECU flash and the state of the ECU at every step. The job records and guards; its process (the flash saga)
 * decides what is sent next and owns every wait.
 *
 * <p>Status machine: REQUESTED -> RUNNING (its first step sent) -> COMPLETED (RESET confirmed); from RUNNING, once the
 * backup was confirmed, -> ROLLING_BACK (the first RESTORE sent) -> ROLLED_BACK (RESTORE confirmed with the backup's
 * checksum) or FAILED (the process gives up on the restore). Before ERASE is sent a job may end ABORTED (its steps
 * failed, the ECU untouched) or CANCELLED (on request); after, neither is allowed (409 {@code status}
 * {@code erase-started}). An ended job refuses steps, aborts and cancels with 409 {@code status} {@code finished}.
 *
 * <p>Steps: one step is awaited at a time, the last one requested, until it is answered (confirmed or failed, by the
 * dongle or by its deadline). A step request is accepted when it is DIAGNOSTIC_SESSION and nothing was sent yet, the
 * step after the last confirmed one (attempt 1), the current unconfirmed step again with the next attempt (a resend),
 * or RESTORE with the next RESTORE attempt once the backup was confirmed; ERASE is never sent twice (409 {@code step}
 * {@code erase-once}) and anything else is 409 {@code step} {@code out-of-order}. The same request repeated changes
 * nothing. A dongle other than the job's is refused (403 {@code dongleId} {@code not-the-job-dongle}); an answer about
 * a step or attempt that is not awaited, one already recorded, or one after the job ended changes nothing, so
 * duplicated and late status messages are harmless. A confirmed BACKUP must carry the image's checksum, VERIFY must
 * read back the firmware's SHA-256 and RESTORE the backup's checksum; otherwise the step fails. Times come from Axon's
 * event clock.
 */
@Aggregate(cache = AggregateStorageConfiguration.AGGREGATE_CACHE,
        snapshotTriggerDefinition = AggregateStorageConfiguration.LONG_LIVED_SNAPSHOTS)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class FlashJob {

    static final String DEFAULT_CANCEL_REASON = "cancelled on request";
    static final String DEFAULT_STEP_FAILURE = "the dongle reported a failure";
    static final String NO_ANSWER = "no answer in time";
    static final String NO_BACKUP_CHECKSUM = "backup has no checksum";
    static final String NO_FAILURE = "no step failed";

    @AggregateIdentifier
    private String flashJobId;
    private String vehicleId;
    private String dongleId;
    private String ecu;
    private String firmwareId;
    private String fromVersion;
    private String toVersion;
    private String sha256;
    private long size;
    private String campaignId;
    private String requestedBy;
    private FlashJobStatus status;
    /** The last step requested and its attempt; null before the first. */
    private FlashStep step;
    private int attempt;
    /** Whether the last step requested was answered (confirmed or failed). */
    private boolean answered;
    private boolean confirmed;
    private int progressPct;
    private boolean eraseSent;
    /** The backup's checksum, once BACKUP was confirmed. */
    private String backupChecksum;
    private int restoreAttempts;
    private String lastFailure;
    private String rollbackReason;

    protected FlashJob() {
    }

    @CommandHandler
    FlashJob(RequestFlashCommand command) {
        Rules.required(command.flashJobId(), "flashJobId");
        Rules.required(command.vehicleId(), "vehicleId");
        Rules.required(command.dongleId(), "dongleId");
        Rules.required(command.ecu(), "ecu");
        Rules.required(command.firmwareId(), "firmwareId");
        Rules.required(command.toVersion(), "toVersion");
        Rules.required(command.sha256(), "sha256");
        if (command.size() < 0) {
            throw RuleViolationException.unprocessable("size", "non-negative", "size must not be negative");
        }
        apply(new FlashJobRequestedEvent(command.flashJobId(), command.vehicleId(), command.dongleId(), command.ecu(),
                command.firmwareId(), command.fromVersion(), command.toVersion(), command.sha256(), command.size(),
                command.campaignId(), command.requestedBy(), now()));
    }

    /** Records that a step is sent to the dongle, if the state machine allows it (see the class comment). */
    @CommandHandler
    void handle(RequestFlashStepCommand command) {
        Rules.required(command.step(), "step");
        FlashStep requested = command.step();
        requireNotFinished("request a step of");
        if (requested == step && command.attempt() == attempt) {
            return;
        }
        if (requested == ERASE && eraseSent) {
            throw RuleViolationException.conflict("step", "erase-once", "job " + flashJobId
                    + " sent ERASE already; an ECU is never erased twice in one flash");
        }
        boolean accepted = requested == RESTORE ? backupChecksum != null && command.attempt() == restoreAttempts + 1
                : status != ROLLING_BACK && (isFirst(requested, command.attempt())
                || isNext(requested, command.attempt()) || isResend(requested, command.attempt()));
        if (!accepted) {
            throw RuleViolationException.conflict("step", "out-of-order", "job " + flashJobId + " cannot send "
                    + requested + " attempt " + command.attempt() + " now: "
                    + (step == null ? "nothing was sent yet" : "the last step sent is " + step + " attempt " + attempt
                    + (confirmed ? ", confirmed" : answered ? ", failed" : ", awaited")));
        }
        if (requested == RESTORE && restoreAttempts == 0) {
            apply(new FlashRollbackStartedEvent(flashJobId, vehicleId, lastFailure(), now()));
        }
        boolean restore = requested == RESTORE;
        apply(new FlashStepRequestedEvent(flashJobId, vehicleId, dongleId, ecu, requested, command.attempt(),
                restore ? null : firmwareId, restore ? backupChecksum : sha256, restore ? 0 : size, requestedBy,
                now()));
    }

    private boolean isFirst(FlashStep requested, int requestedAttempt) {
        return step == null && requested == DIAGNOSTIC_SESSION && requestedAttempt == 1;
    }

    private boolean isNext(FlashStep requested, int requestedAttempt) {
        return confirmed && step.next().filter(requested::equals).isPresent() && requestedAttempt == 1;
    }

    private boolean isResend(FlashStep requested, int requestedAttempt) {
        return step == requested && !confirmed && requestedAttempt == attempt + 1;
    }

    /** Records the dongle's answer about the awaited step; anything else changes nothing (see the class comment). */
    @CommandHandler
    void handle(RecordFlashStatusCommand command) {
        if (!Objects.equals(dongleId, command.dongleId())) {
            throw RuleViolationException.forbidden("dongleId", "not-the-job-dongle", "job " + flashJobId
                    + " flashes through another dongle");
        }
        Rules.required(command.step(), "step");
        Rules.required(command.outcome(), "outcome");
        if (status.finished() || command.step() != step || command.attempt() != attempt || answered) {
            return;
        }
        switch (command.outcome()) {
            case PROGRESS -> progress(command.progressPct());
            case FAILED -> stepFailed(command.reason() == null || command.reason().isBlank() ? DEFAULT_STEP_FAILURE
                    : command.reason().strip(), false);
            case OK -> confirm(command.checksum() == null ? null : command.checksum().strip(), command.version());
        }
    }

    private void progress(Integer pct) {
        Rules.required(pct, "progressPct");
        if (pct < 0 || pct > 100) {
            throw RuleViolationException.unprocessable("progressPct", "range",
                    "progressPct must be between 0 and 100, was " + pct);
        }
        if (pct > progressPct) {
            apply(new FlashProgressReportedEvent(flashJobId, vehicleId, step, pct, now()));
        }
    }

    private void confirm(String checksum, String version) {
        if (step == BACKUP && (checksum == null || checksum.isEmpty())) {
            stepFailed(NO_BACKUP_CHECKSUM, false);
            return;
        }
        String expected = step == VERIFY ? sha256 : step == RESTORE ? backupChecksum : null;
        if (expected != null && !expected.equalsIgnoreCase(checksum)) {
            stepFailed("checksum read back " + checksum + ", expected " + expected, false);
            return;
        }
        apply(new FlashStepConfirmedEvent(flashJobId, vehicleId, step, attempt, checksum, version, now()));
        if (step == RESET) {
            apply(new FlashJobCompletedEvent(flashJobId, vehicleId, ecu, firmwareId, fromVersion, toVersion,
                    campaignId, now()));
        } else if (step == RESTORE) {
            apply(new FlashJobRolledBackEvent(flashJobId, vehicleId, ecu, fromVersion, rollbackReason, campaignId,
                    now()));
        }
    }

    private void stepFailed(String reason, boolean timedOut) {
        apply(new FlashStepFailedEvent(flashJobId, vehicleId, step, attempt, reason, timedOut, now()));
    }

    /** Fails the awaited attempt whose deadline passed; a stale deadline changes nothing. */
    @CommandHandler
    void handle(TimeOutFlashStepCommand command) {
        if (!status.finished() && command.step() == step && command.attempt() == attempt && !answered) {
            stepFailed(NO_ANSWER, true);
        }
    }

    /** Ends a job whose steps failed before ERASE was sent. */
    @CommandHandler
    void handle(AbortFlashJobCommand command) {
        if (status == ABORTED) {
            return;
        }
        requireNotFinished("abort");
        requireNoErase("abort");
        apply(new FlashJobAbortedEvent(flashJobId, vehicleId, ecu, orDefault(command.reason(), lastFailure()),
                campaignId, now()));
    }

    /** Ends a job whose restore failed for good; an ended job changes nothing. */
    @CommandHandler
    void handle(FailFlashJobCommand command) {
        if (!status.finished()) {
            apply(new FlashJobFailedEvent(flashJobId, vehicleId, ecu, orDefault(command.reason(), lastFailure()),
                    campaignId, now()));
        }
    }

    /** Cancels a job before ERASE was sent; cancelling a cancelled job changes nothing. */
    @CommandHandler
    void handle(CancelFlashJobCommand command) {
        if (status == CANCELLED) {
            return;
        }
        requireNotFinished("cancel");
        requireNoErase("cancel");
        apply(new FlashJobCancelledEvent(flashJobId, vehicleId, ecu, orDefault(command.reason(),
                DEFAULT_CANCEL_REASON), command.cancelledBy(), campaignId, now()));
    }

    private void requireNotFinished(String action) {
        if (status.finished()) {
            throw RuleViolationException.conflict("status", "finished", "cannot " + action + " job " + flashJobId
                    + ": it ended " + status);
        }
    }

    private void requireNoErase(String action) {
        if (eraseSent) {
            throw RuleViolationException.conflict("status", "erase-started", "cannot " + action + " job "
                    + flashJobId + ": ERASE was sent, so the ECU's image may be changed; the job ends by completing "
                    + "or rolling back");
        }
    }

    /** The last step failure ("STEP: reason"), or that none was recorded. */
    private String lastFailure() {
        return lastFailure == null ? NO_FAILURE : lastFailure;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(FlashJobRequestedEvent event) {
        flashJobId = event.flashJobId();
        vehicleId = event.vehicleId();
        dongleId = event.dongleId();
        ecu = event.ecu();
        firmwareId = event.firmwareId();
        fromVersion = event.fromVersion();
        toVersion = event.toVersion();
        sha256 = event.sha256();
        size = event.size();
        campaignId = event.campaignId();
        requestedBy = event.requestedBy();
        status = REQUESTED;
    }

    @EventSourcingHandler
    void on(FlashRollbackStartedEvent event) {
        status = ROLLING_BACK;
        rollbackReason = event.reason();
    }

    @EventSourcingHandler
    void on(FlashStepRequestedEvent event) {
        if (status == REQUESTED) {
            status = RUNNING;
        }
        if (event.step() != step) {
            progressPct = 0;
        }
        step = event.step();
        attempt = event.attempt();
        answered = false;
        confirmed = false;
        if (step == ERASE) {
            eraseSent = true;
        } else if (step == RESTORE) {
            restoreAttempts = event.attempt();
        }
    }

    @EventSourcingHandler
    void on(FlashProgressReportedEvent event) {
        progressPct = event.progressPct();
    }

    @EventSourcingHandler
    void on(FlashStepConfirmedEvent event) {
        answered = true;
        confirmed = true;
        if (event.step() == BACKUP) {
            backupChecksum = event.checksum();
        }
    }

    @EventSourcingHandler
    void on(FlashStepFailedEvent event) {
        answered = true;
        lastFailure = event.step() + ": " + event.reason();
    }

    @EventSourcingHandler
    void on(FlashJobCompletedEvent event) {
        status = COMPLETED;
    }

    @EventSourcingHandler
    void on(FlashJobRolledBackEvent event) {
        status = ROLLED_BACK;
    }

    @EventSourcingHandler
    void on(FlashJobAbortedEvent event) {
        status = ABORTED;
    }

    @EventSourcingHandler
    void on(FlashJobFailedEvent event) {
        status = FAILED;
    }

    @EventSourcingHandler
    void on(FlashJobCancelledEvent event) {
        status = CANCELLED;
    }
}
