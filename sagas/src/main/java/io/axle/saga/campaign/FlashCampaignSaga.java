package io.axle.saga.campaign;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.campaign.CampaignFlashStartedEvent;
import io.axle.api.campaign.CampaignGroupStartedEvent;
import io.axle.api.campaign.CampaignVehicleOutcome;
import io.axle.api.campaign.CampaignVehicleOutcomeRecordedEvent;
import io.axle.api.campaign.FlashCampaignCreatedEvent;
import io.axle.api.campaign.FlashCampaignFinishedEvent;
import io.axle.api.campaign.FlashCampaignPausedEvent;
import io.axle.api.campaign.FlashCampaignResumedEvent;
import io.axle.api.campaign.FlashCampaignStartedEvent;
import io.axle.api.campaign.FlashCampaignStoppedEvent;
import io.axle.api.campaign.RecordCampaignFlashStartedCommand;
import io.axle.api.campaign.RecordCampaignVehicleOutcomeCommand;
import io.axle.api.campaign.StartCampaignFlashCommand;
import io.axle.api.common.Refusal;
import io.axle.api.flash.CancelFlashJobCommand;
import io.axle.api.flash.FlashJobAbortedEvent;
import io.axle.api.flash.FlashJobCancelledEvent;
import io.axle.api.flash.FlashJobCompletedEvent;
import io.axle.api.flash.FlashJobFailedEvent;
import io.axle.api.flash.FlashJobRequestedEvent;
import io.axle.api.flash.FlashJobRolledBackEvent;
import io.axle.platform.messaging.Refusals;
import io.axle.saga.Backoff;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.messaging.Scope;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Runs one flash campaign's vehicles: the FlashCampaign aggregate counts outcomes and decides when a group starts,
 * pauses or finishes; this saga starts the flashes of each started group, watches their jobs and tells the campaign how
 * each vehicle ended.
 *
 * <p>Starts: each vehicle of a {@link CampaignGroupStartedEvent} is queued and started with
 * {@link StartCampaignFlashCommand} under a job id derived from the campaign and the vehicle (the same on every
 * retry, so a start sent twice finds the job it made), at most {@link CampaignProperties#parallelStarts()} awaiting
 * their answer at once. A start is answered by its job's {@link FlashJobRequestedEvent} (then
 * {@link RecordCampaignFlashStartedCommand}) or by a refusal: those in {@link #WAIT_RULES} make the vehicle wait and be
 * tried again every {@link CampaignProperties#retry()} until the campaign's deadline (then EXPIRED); any other refusal
 * makes it FAILED. A start that fails otherwise, or whose answer is lost, is sent again.
 *
 * <p>Answers that come back while the saga handles a message (the local command bus) are handled at once; those that
 * come later (Axon Server) come back to the saga as an {@value #ANSWER} deadline due at once, so that only the saga's
 * own unit of work changes its state.
 *
 * <p>Ends: a job's end event records the vehicle's outcome ({@link RecordCampaignVehicleOutcomeCommand}: FLASHED,
 * FAILED with the reason, or CANCELLED). A pause stops new starts and the waiting vehicles' retries until the resume;
 * a stop cancels every started job that has not ended ({@code erase-started} is expected: that job completes or rolls
 * back) and records the vehicles never started CANCELLED. Every command is sent again on the {@value #COMMAND_RETRY}
 * deadline, from {@link CampaignProperties#commandRetry()} doubling, until it is answered or its event is seen. The
 * saga ends on {@link FlashCampaignFinishedEvent}, or once stopped and every vehicle it watched has an outcome.
 *
 * <p>The state is the campaign's settings, the queue and the vehicles not yet settled, serialised with Jackson.
 */
@Saga
@JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE, setterVisibility = NONE)
public class FlashCampaignSaga {

    /** Deadline that sends again what was not answered or seen; no payload. */
    static final String COMMAND_RETRY = "campaign-command-retry";
    /** Deadline that tries the waiting vehicles again; no payload. */
    static final String WAIT_RETRY = "campaign-wait-retry";
    /** Deadline at the campaign's own deadline: vehicles still waiting expire. */
    static final String CAMPAIGN_DEADLINE = "campaign-deadline";
    /** Deadline, due at once, carrying an {@link Answer} that came back after its handler ended. */
    static final String ANSWER = "campaign-answer";
    /** Refusals of a start that waiting may change. */
    static final Set<String> WAIT_RULES = Set.of("vehicle-offline", "battery-low", "battery-unknown", "flash-running");
    /** Refusals of a cancel from a job past it: its end event follows. */
    private static final Set<String> CANCEL_MOVED_ON = Set.of("erase-started", "finished");

    private static final Logger log = LoggerFactory.getLogger(FlashCampaignSaga.class);

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired(required = false)
    private transient CampaignProperties properties;

    private String campaignId;
    private String firmwareId;
    private String ecu;
    private String requestedBy;
    /** Vehicles not yet settled (an outcome recorded, and its start recorded when it had one), by id. */
    private Map<String, Vehicle> vehicles = new LinkedHashMap<>();
    /** Vehicles to start, in order; each is in {@link #vehicles} as QUEUED. */
    private List<String> queue = new ArrayList<>();
    private boolean paused;
    private boolean stopped;
    private String stopReason;
    private String stoppedBy;
    private boolean deadlineSet;
    private boolean deadlinePassed;
    private boolean waitRetryArmed;
    /** Rounds of the command retry so far; 0 while none is scheduled. */
    private int retryRounds;

    @StartSaga
    @SagaEventHandler(associationProperty = "campaignId")
    void on(FlashCampaignCreatedEvent event) {
        remember(event.campaignId(), event.firmwareId(), event.ecu());
        requestedBy = event.createdBy();
        if (event.deadline() != null) {
            deadlineSet = true;
            deadlineManager.schedule(event.deadline(), CAMPAIGN_DEADLINE);
        }
    }

    /** Only names the campaign when its creation came before this saga's processor (no deadline is then known). */
    @StartSaga
    @SagaEventHandler(associationProperty = "campaignId")
    void on(FlashCampaignStartedEvent event) {
        campaignId = event.campaignId();
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "campaignId")
    void on(CampaignGroupStartedEvent event) {
        remember(event.campaignId(), event.firmwareId(), event.ecu());
        for (String vehicleId : event.vehicleIds()) {
            if (vehicles.containsKey(vehicleId)) {
                continue;
            }
            Vehicle vehicle = new Vehicle(flashJobIdOf(campaignId, vehicleId));
            vehicles.put(vehicleId, vehicle);
            if (stopped) {
                decide(vehicleId, vehicle, CampaignVehicleOutcome.CANCELLED, "campaign stopped: " + stopReason);
            } else if (deadlinePassed) {
                decide(vehicleId, vehicle, CampaignVehicleOutcome.EXPIRED, "the campaign's deadline passed");
            } else {
                queue.add(vehicleId);
            }
        }
        settle();
    }

    private void remember(String campaign, String firmware, String ecuName) {
        campaignId = campaign;
        firmwareId = firmware;
        ecu = ecuName;
    }

    @SagaEventHandler(associationProperty = "campaignId")
    void on(FlashCampaignPausedEvent event) {
        paused = true;
    }

    @SagaEventHandler(associationProperty = "campaignId")
    void on(FlashCampaignResumedEvent event) {
        paused = false;
        armWaitRetry();
        settle();
    }

    @SagaEventHandler(associationProperty = "campaignId")
    void on(FlashCampaignStoppedEvent event) {
        if (stopped) {
            return;
        }
        stopped = true;
        stopReason = event.reason();
        stoppedBy = event.stoppedBy();
        queue.clear();
        for (String vehicleId : List.copyOf(vehicles.keySet())) {
            Vehicle vehicle = vehicles.get(vehicleId);
            switch (vehicle.phase) {
                case QUEUED, WAITING -> decide(vehicleId, vehicle, CampaignVehicleOutcome.CANCELLED,
                        "campaign stopped: " + stopReason);
                case RUNNING -> cancel(vehicleId, vehicle);
                default -> {
                }
            }
        }
        settle();
    }

    @SagaEventHandler(associationProperty = "campaignId")
    void on(FlashCampaignFinishedEvent event) {
        end();
    }

    @SagaEventHandler(associationProperty = "campaignId")
    void on(CampaignFlashStartedEvent event) {
        Vehicle vehicle = vehicles.get(event.vehicleId());
        if (vehicle != null) {
            vehicle.recordingStart = false;
            settle();
        }
    }

    /** An outcome the campaign recorded, from this saga or decided by the campaign itself (its own deadline). */
    @SagaEventHandler(associationProperty = "campaignId")
    void on(CampaignVehicleOutcomeRecordedEvent event) {
        Vehicle vehicle = vehicles.get(event.vehicleId());
        if (vehicle == null) {
            return;
        }
        vehicle.outcomeRecorded = true;
        vehicle.recordingOutcome = false;
        if (vehicle.phase == Phase.QUEUED || vehicle.phase == Phase.WAITING) {
            queue.remove(event.vehicleId());
            vehicle.phase = Phase.ENDED;
        }
        settle();
    }

    /** The start's answer that counts: the job exists. */
    @SagaEventHandler(associationProperty = "flashJobId")
    void on(FlashJobRequestedEvent event) {
        Vehicle vehicle = vehicles.get(event.vehicleId());
        if (vehicle == null || !event.flashJobId().equals(vehicle.flashJobId) || vehicle.phase == Phase.RUNNING
                || vehicle.jobEnded) {
            return;
        }
        queue.remove(event.vehicleId());
        vehicle.phase = Phase.RUNNING;
        vehicle.jobCreated = true;
        vehicle.recordingStart = true;
        send(Kind.RECORD_STARTED, event.vehicleId(), vehicle);
        if (stopped) {
            cancel(event.vehicleId(), vehicle);
        }
        settle();
    }

    @SagaEventHandler(associationProperty = "flashJobId")
    void on(FlashJobCompletedEvent event) {
        jobEnded(event.vehicleId(), event.flashJobId(), CampaignVehicleOutcome.FLASHED, null);
    }

    @SagaEventHandler(associationProperty = "flashJobId")
    void on(FlashJobRolledBackEvent event) {
        jobEnded(event.vehicleId(), event.flashJobId(), CampaignVehicleOutcome.FAILED, "rolled back: "
                + event.reason());
    }

    @SagaEventHandler(associationProperty = "flashJobId")
    void on(FlashJobAbortedEvent event) {
        jobEnded(event.vehicleId(), event.flashJobId(), CampaignVehicleOutcome.FAILED, "aborted: " + event.reason());
    }

    @SagaEventHandler(associationProperty = "flashJobId")
    void on(FlashJobFailedEvent event) {
        jobEnded(event.vehicleId(), event.flashJobId(), CampaignVehicleOutcome.FAILED, "failed: " + event.reason());
    }

    @SagaEventHandler(associationProperty = "flashJobId")
    void on(FlashJobCancelledEvent event) {
        jobEnded(event.vehicleId(), event.flashJobId(), CampaignVehicleOutcome.CANCELLED, event.reason());
    }

    @DeadlineHandler(deadlineName = ANSWER)
    void onLateAnswer(Answer answer) {
        answered(answer);
        settle();
    }

    /** The waiting vehicles are tried again, unless the campaign is paused (the resume sets this retry again). */
    @DeadlineHandler(deadlineName = WAIT_RETRY)
    void onWaitRetry() {
        waitRetryArmed = false;
        if (paused || stopped || deadlinePassed) {
            return;
        }
        vehicles.forEach((vehicleId, vehicle) -> {
            if (vehicle.phase == Phase.WAITING) {
                vehicle.phase = Phase.QUEUED;
                queue.add(vehicleId);
            }
        });
        settle();
    }

    @DeadlineHandler(deadlineName = CAMPAIGN_DEADLINE)
    void onCampaignDeadline() {
        deadlinePassed = true;
        queue.clear();
        for (String vehicleId : List.copyOf(vehicles.keySet())) {
            Vehicle vehicle = vehicles.get(vehicleId);
            if (vehicle.phase == Phase.QUEUED || vehicle.phase == Phase.WAITING) {
                decide(vehicleId, vehicle, CampaignVehicleOutcome.EXPIRED, expiry(vehicle));
            }
        }
        settle();
    }

    @DeadlineHandler(deadlineName = COMMAND_RETRY)
    void onCommandRetry() {
        if (!pending()) {
            retryRounds = 0;
            return;
        }
        boolean resent = false;
        for (String vehicleId : List.copyOf(vehicles.keySet())) {
            resent |= resend(vehicleId, vehicles.get(vehicleId));
        }
        // the wait grows only while commands go unanswered, not while starts are merely awaited
        retryRounds = resent ? retryRounds + 1 : 1;
        deadlineManager.schedule(Backoff.doubling(settings().commandRetry(), CampaignProperties.RETRY_MAX,
                retryRounds), COMMAND_RETRY);
        settle();
    }

    /** Sends again what the vehicle still waits for; answers whether anything was sent. */
    private boolean resend(String vehicleId, Vehicle vehicle) {
        if (vehicle.phase == Phase.STARTING) {
            if (!vehicle.stale) {
                vehicle.stale = true;
                return false;
            }
            if (stopped) {
                decide(vehicleId, vehicle, CampaignVehicleOutcome.CANCELLED, "campaign stopped before the start of "
                        + "job " + vehicle.flashJobId + " was answered");
                return true;
            }
            log.warn("Campaign {}: the start of vehicle {} (job {}) is not answered; sending it again", campaignId,
                    vehicleId, vehicle.flashJobId);
            vehicle.stale = false;
            send(Kind.START, vehicleId, vehicle);
            return true;
        }
        if (vehicle.recordingStart) {
            send(Kind.RECORD_STARTED, vehicleId, vehicle);
        }
        if (vehicle.recordingOutcome) {
            send(Kind.RECORD_OUTCOME, vehicleId, vehicle);
        }
        if (vehicle.cancelling) {
            send(Kind.CANCEL, vehicleId, vehicle);
        }
        return vehicle.recordingStart || vehicle.recordingOutcome || vehicle.cancelling;
    }

    private void jobEnded(String vehicleId, String flashJobId, CampaignVehicleOutcome outcome, String reason) {
        Vehicle vehicle = vehicles.get(vehicleId);
        if (vehicle == null || !flashJobId.equals(vehicle.flashJobId) || vehicle.jobEnded) {
            return;
        }
        vehicle.jobEnded = true;
        vehicle.cancelling = false;
        queue.remove(vehicleId);
        decide(vehicleId, vehicle, outcome, reason);
        settle();
    }

    /** The vehicle ended {@code outcome}: tells the campaign, unless it already recorded one for it. */
    private void decide(String vehicleId, Vehicle vehicle, CampaignVehicleOutcome outcome, String reason) {
        vehicle.phase = Phase.ENDED;
        if (vehicle.outcomeRecorded) {
            return;
        }
        vehicle.outcome = outcome;
        vehicle.reason = reason;
        vehicle.recordingOutcome = true;
        send(Kind.RECORD_OUTCOME, vehicleId, vehicle);
    }

    private void cancel(String vehicleId, Vehicle vehicle) {
        vehicle.cancelling = true;
        send(Kind.CANCEL, vehicleId, vehicle);
    }

    /** Starts queued vehicles while the campaign may start them and fewer than the limit await an answer. */
    private void startQueued() {
        if (paused || stopped || deadlinePassed) {
            return;
        }
        long starting = vehicles.values().stream().filter(vehicle -> vehicle.phase == Phase.STARTING).count();
        while (starting < settings().parallelStarts() && !queue.isEmpty()) {
            String vehicleId = queue.remove(0);
            Vehicle vehicle = vehicles.get(vehicleId);
            vehicle.phase = Phase.STARTING;
            vehicle.stale = false;
            SagaLifecycle.associateWith("flashJobId", vehicle.flashJobId);
            send(Kind.START, vehicleId, vehicle);
            if (vehicle.phase == Phase.STARTING) {
                starting++;
            }
        }
    }

    /** Handles the answer to a command this saga sent. */
    private void answered(Answer answer) {
        Vehicle vehicle = vehicles.get(answer.vehicleId());
        if (vehicle == null || !answer.flashJobId().equals(vehicle.flashJobId)) {
            return;
        }
        if (answer.kind() == Kind.START) {
            startAnswered(answer, vehicle);
            return;
        }
        if (answer.refused() && !(answer.kind() == Kind.CANCEL && CANCEL_MOVED_ON.contains(answer.rule()))) {
            log.warn("Campaign {}: {} of vehicle {} refused ({}); not sent again", campaignId, answer.kind(),
                    answer.vehicleId(), answer.failure());
        }
        if (answer.accepted() || answer.refused()) {
            switch (answer.kind()) {
                case RECORD_STARTED -> vehicle.recordingStart = false;
                case RECORD_OUTCOME -> vehicle.recordingOutcome = false;
                default -> vehicle.cancelling = false;
            }
        }
    }

    private void startAnswered(Answer answer, Vehicle vehicle) {
        if (vehicle.phase != Phase.STARTING) {
            return;
        }
        if (!answer.refused()) {
            // accepted: the job's FlashJobRequestedEvent moves the vehicle on; a failure is sent again
            vehicle.stale = !answer.accepted();
            return;
        }
        String reason = answer.failure();
        vehicle.lastRefusal = reason;
        if (stopped) {
            decide(answer.vehicleId(), vehicle, CampaignVehicleOutcome.CANCELLED, "campaign stopped: " + stopReason);
        } else if (!WAIT_RULES.contains(answer.rule())) {
            decide(answer.vehicleId(), vehicle, CampaignVehicleOutcome.FAILED, reason);
        } else if (deadlinePassed) {
            decide(answer.vehicleId(), vehicle, CampaignVehicleOutcome.EXPIRED, expiry(vehicle));
        } else {
            log.debug("Campaign {}: vehicle {} waits ({})", campaignId, answer.vehicleId(), reason);
            vehicle.phase = Phase.WAITING;
        }
    }

    /**
     * Sends the command of {@code kind} for the vehicle; an answer already there is handled now, a later one comes back
     * as an {@value #ANSWER} deadline in this saga's scope.
     */
    private void send(Kind kind, String vehicleId, Vehicle vehicle) {
        CompletableFuture<Object> sent = commandGateway.send(command(kind, vehicleId, vehicle));
        if (sent.isDone()) {
            answered(Answer.of(kind, vehicleId, vehicle.flashJobId, failureOf(sent)));
            return;
        }
        ScopeDescriptor scope = Scope.describeCurrentScope();
        DeadlineManager deadlines = deadlineManager;
        String flashJobId = vehicle.flashJobId;
        sent.whenComplete((result, failure) -> deadlines.schedule(Instant.now(), ANSWER,
                Answer.of(kind, vehicleId, flashJobId, failure), scope));
    }

    private Object command(Kind kind, String vehicleId, Vehicle vehicle) {
        return switch (kind) {
            case START -> new StartCampaignFlashCommand(campaignId, vehicleId, ecu, firmwareId, vehicle.flashJobId,
                    requestedBy == null ? "campaign:" + campaignId : requestedBy);
            case RECORD_STARTED -> new RecordCampaignFlashStartedCommand(campaignId, vehicleId, vehicle.flashJobId);
            case RECORD_OUTCOME -> new RecordCampaignVehicleOutcomeCommand(campaignId, vehicleId,
                    vehicle.jobCreated ? vehicle.flashJobId : null, vehicle.outcome, vehicle.reason);
            case CANCEL -> new CancelFlashJobCommand(vehicle.flashJobId, "campaign stopped: " + stopReason, stoppedBy);
        };
    }

    /**
     * After each message: forgets the settled vehicles, starts queued ones, keeps the retries running while something
     * waits for them, and ends the saga once stopped with nothing left to watch.
     */
    private void settle() {
        vehicles.entrySet().removeIf(entry -> {
            Vehicle vehicle = entry.getValue();
            boolean settled = vehicle.phase == Phase.ENDED && !vehicle.recordingOutcome && !vehicle.recordingStart
                    && !vehicle.cancelling;
            if (settled) {
                SagaLifecycle.removeAssociationWith("flashJobId", vehicle.flashJobId);
            }
            return settled;
        });
        startQueued();
        if (vehicles.values().stream().anyMatch(vehicle -> vehicle.phase == Phase.WAITING)) {
            armWaitRetry();
        }
        if (pending() && retryRounds == 0) {
            retryRounds = 1;
            deadlineManager.schedule(settings().commandRetry(), COMMAND_RETRY);
        }
        if (stopped && vehicles.isEmpty()) {
            end();
        }
    }

    private void armWaitRetry() {
        if (!waitRetryArmed && !paused && !stopped && !deadlinePassed
                && vehicles.values().stream().anyMatch(vehicle -> vehicle.phase == Phase.WAITING)) {
            waitRetryArmed = true;
            deadlineManager.schedule(settings().retry(), WAIT_RETRY);
        }
    }

    /** Whether a command awaits its answer or its event. */
    private boolean pending() {
        return vehicles.values().stream().anyMatch(vehicle -> vehicle.phase == Phase.STARTING
                || vehicle.recordingStart || vehicle.recordingOutcome || vehicle.cancelling);
    }

    private void end() {
        if (retryRounds > 0) {
            deadlineManager.cancelAllWithinScope(COMMAND_RETRY);
        }
        if (waitRetryArmed) {
            deadlineManager.cancelAllWithinScope(WAIT_RETRY);
        }
        if (deadlineSet && !deadlinePassed) {
            deadlineManager.cancelAllWithinScope(CAMPAIGN_DEADLINE);
        }
        SagaLifecycle.end();
    }

    private CampaignProperties settings() {
        return properties == null ? CampaignProperties.defaults() : properties;
    }

    private static String expiry(Vehicle vehicle) {
        return "the campaign's deadline passed" + (vehicle.lastRefusal == null ? "" : " (" + vehicle.lastRefusal
                + ")");
    }

    private static Throwable failureOf(CompletableFuture<Object> done) {
        return done.handle((result, failure) -> failure).getNow(null);
    }

    /** The job id of {@code vehicleId}'s flash in {@code campaignId}: the same for every start sent for it. */
    static String flashJobIdOf(String campaignId, String vehicleId) {
        return UUID.nameUUIDFromBytes(("flash-campaign:" + campaignId + ":" + vehicleId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Where a vehicle is: QUEUED for its start, STARTING (sent), WAITING to be tried again, RUNNING, ENDED. */
    enum Phase {
        QUEUED,
        STARTING,
        WAITING,
        RUNNING,
        ENDED
    }

    /** The commands whose answers the saga reads. */
    public enum Kind {
        START,
        RECORD_STARTED,
        RECORD_OUTCOME,
        CANCEL
    }

    /** One vehicle of the campaign, while it is not settled. */
    @JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE, setterVisibility = NONE)
    static final class Vehicle {
        private String flashJobId;
        private Phase phase = Phase.QUEUED;
        /** Whether a STARTING vehicle's start was already unanswered at the last command retry. */
        private boolean stale;
        private String lastRefusal;
        /** Whether its job exists (its request was seen): the outcome names the job only then. */
        private boolean jobCreated;
        private boolean jobEnded;
        private CampaignVehicleOutcome outcome;
        private String reason;
        private boolean recordingStart;
        private boolean recordingOutcome;
        private boolean outcomeRecorded;
        private boolean cancelling;

        Vehicle() {
        }

        Vehicle(String flashJobId) {
            this.flashJobId = flashJobId;
        }

    }

    /**
     * The answer to a command the saga sent: accepted ({@code failure} null), refused ({@code rule} and
     * {@code detail}; {@code failure} says both), or failed without a refusal (only {@code failure}: sent again).
     */
    public record Answer(Kind kind, String vehicleId, String flashJobId, String rule, String detail, String failure) {

        static Answer of(Kind kind, String vehicleId, String flashJobId, Throwable failure) {
            if (failure == null) {
                return new Answer(kind, vehicleId, flashJobId, null, null, null);
            }
            Refusal refusal = Refusals.of(failure);
            return refusal == null
                    ? new Answer(kind, vehicleId, flashJobId, null, null, String.valueOf(failure.getMessage()))
                    : new Answer(kind, vehicleId, flashJobId, refusal.rule(), refusal.detail(),
                            refusal.rule() + ": " + refusal.detail());
        }

        boolean accepted() {
            return failure == null;
        }

        boolean refused() {
            return rule != null;
        }
    }
}
