package io.axle.command.campaign;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.campaign.ApproveFlashCampaignCommand;
import io.axle.api.campaign.CampaignFlashStartedEvent;
import io.axle.api.campaign.CampaignGroupFinishedEvent;
import io.axle.api.campaign.CampaignGroupStartedEvent;
import io.axle.api.campaign.CampaignStatus;
import io.axle.api.campaign.CampaignVehicleOutcome;
import io.axle.api.campaign.CampaignVehicleOutcomeRecordedEvent;
import io.axle.api.campaign.CreateFlashCampaignCommand;
import io.axle.api.campaign.FlashCampaignApprovedEvent;
import io.axle.api.campaign.FlashCampaignCreatedEvent;
import io.axle.api.campaign.FlashCampaignFinishedEvent;
import io.axle.api.campaign.FlashCampaignPausedEvent;
import io.axle.api.campaign.FlashCampaignResumedEvent;
import io.axle.api.campaign.FlashCampaignStartedEvent;
import io.axle.api.campaign.FlashCampaignStoppedEvent;
import io.axle.api.campaign.PauseFlashCampaignCommand;
import io.axle.api.campaign.RecordCampaignFlashStartedCommand;
import io.axle.api.campaign.RecordCampaignVehicleOutcomeCommand;
import io.axle.api.campaign.ResumeFlashCampaignCommand;
import io.axle.api.campaign.StartFlashCampaignCommand;
import io.axle.api.campaign.StopFlashCampaignCommand;
import io.axle.command.AggregateStorageConfiguration;
import io.axle.command.RuleViolationException;
import io.axle.command.Rules;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.axle.api.campaign.CampaignStatus.FINISHED;
import static io.axle.api.campaign.CampaignStatus.PAUSED;
import static io.axle.api.campaign.CampaignStatus.READY;
import static io.axle.api.campaign.CampaignStatus.RUNNING;
import static io.axle.api.campaign.CampaignStatus.STOPPED;
import static io.axle.api.campaign.CampaignStatus.WAITING_FOR_APPROVAL;
import static io.axle.api.campaign.CampaignVehicleOutcome.CANCELLED;
import static io.axle.api.campaign.CampaignVehicleOutcome.EXPIRED;
import static io.axle.api.campaign.CampaignVehicleOutcome.FAILED;
import static io.axle.api.campaign.CampaignVehicleOutcome.FLASHED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A staged rollout of one firmware onto groups of vehicles, after Eclipse hawkBit's rollouts. The campaign records
 * and counts; its process starts the flashes of each started group and reports how each vehicle ended.
 *
 * <p>Status machine: WAITING_FOR_APPROVAL (requires approval; an admin other than the creator approves, else 403
 * {@code approvedBy} {@code four-eyes}) -> READY -> RUNNING (start, with group 0; from READY only, else 409
 * {@code status} {@code not-ready}) <-> PAUSED (by hand from RUNNING, or by a threshold; resume from PAUSED only);
 * RUNNING or PAUSED -> FINISHED when every vehicle has an outcome; anything not FINISHED -> STOPPED (emergency stop; a
 * stopped campaign still records the outcomes of the jobs that were running, but never finishes). Repeating a pause
 * or a stop changes nothing; stopping a finished campaign is 409 {@code status} {@code finished}.
 *
 * <p>Counting, at each outcome (once per vehicle): a group whose vehicles all have outcomes is finished; errors
 * (FAILED and EXPIRED) reaching {@code errorThresholdPct} of the vehicles of the started groups (rounded up, at least
 * 1) pause a RUNNING campaign; so does the current group finishing below {@code successThresholdPct}; the next group
 * starts as soon as the current one's FLASHED vehicles reach {@code successThresholdPct} of it (rounded up), when
 * RUNNING, else on resume (a resume after the current group finished below its threshold starts the next group too:
 * the operator accepted it). Times come from Axon's event clock.
 */
@Aggregate(cache = AggregateStorageConfiguration.AGGREGATE_CACHE,
        snapshotTriggerDefinition = AggregateStorageConfiguration.LONG_LIVED_SNAPSHOTS)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class FlashCampaign {

    static final int MAX_NAME = 200;
    static final String DEFAULT_PAUSE_REASON = "paused on request";
    static final String DEFAULT_STOP_REASON = "emergency stop";
    /** Why the vehicles of a group that had not started when the campaign was stopped are cancelled. */
    static final String NEVER_STARTED = "campaign stopped before the vehicle's group started";

    @AggregateIdentifier
    private String campaignId;
    private String firmwareId;
    private String ecu;
    private String createdBy;
    private CampaignStatus status;
    private int successThresholdPct;
    private int errorThresholdPct;
    private List<List<String>> groups;
    private Map<String, Integer> groupOf;
    private Set<String> started;
    private Map<String, CampaignVehicleOutcome> outcomes;
    /** The last group started; -1 before the start. */
    private int currentGroup;
    /** Per group: its vehicles with an outcome, and those FLASHED. */
    private int[] ended;
    private int[] flashed;
    private int errors;

    protected FlashCampaign() {
    }

    @CommandHandler
    FlashCampaign(CreateFlashCampaignCommand command) {
        Rules.required(command.campaignId(), "campaignId");
        String name = command.name() == null ? null : command.name().strip();
        Rules.required(name, "name");
        if (name.length() > MAX_NAME) {
            throw RuleViolationException.unprocessable("name", "max-length", "name must be at most " + MAX_NAME
                    + " characters, was " + name.length());
        }
        Rules.required(command.firmwareId(), "firmwareId");
        String ecu = Rules.ecu(command.ecu(), "ecu");
        Rules.required(command.toVersion(), "toVersion");
        percent(command.successThresholdPct(), "successThresholdPct");
        percent(command.errorThresholdPct(), "errorThresholdPct");
        requireGroups(command.groups());
        Rules.required(command.deadline(), "deadline");
        Instant now = now();
        if (!command.deadline().isAfter(now)) {
            throw RuleViolationException.unprocessable("deadline", "future", "deadline " + command.deadline()
                    + " is not in the future");
        }
        apply(new FlashCampaignCreatedEvent(command.campaignId(), name, command.firmwareId(), ecu,
                command.toVersion(), command.target(), command.groups().stream().map(List::copyOf).toList(),
                command.successThresholdPct(), command.errorThresholdPct(), command.requiresApproval(),
                command.deadline(), command.createdBy(), now));
    }

    private static void percent(int value, String field) {
        if (value < 1 || value > 100) {
            throw RuleViolationException.unprocessable(field, "percent-range", field
                    + " must be between 1 and 100, was " + value);
        }
    }

    private static void requireGroups(List<List<String>> groups) {
        if (groups == null || groups.isEmpty()) {
            throw RuleViolationException.unprocessable("groups", "required", "a campaign needs at least one group");
        }
        Set<String> seen = new HashSet<>();
        for (int group = 0; group < groups.size(); group++) {
            List<String> vehicles = groups.get(group);
            if (vehicles == null || vehicles.isEmpty()) {
                throw RuleViolationException.unprocessable("groups", "empty-group", "group " + group
                        + " has no vehicle");
            }
            for (String vehicleId : vehicles) {
                Rules.required(vehicleId, "groups");
                if (!seen.add(vehicleId)) {
                    throw RuleViolationException.unprocessable("groups", "duplicate-vehicle", "vehicle "
                            + vehicleId + " is in the campaign twice");
                }
            }
        }
    }

    /** Lets a campaign that requires approval start, approved by someone other than its creator. */
    @CommandHandler
    void handle(ApproveFlashCampaignCommand command) {
        Rules.required(command.approvedBy(), "approvedBy");
        if (status != WAITING_FOR_APPROVAL) {
            throw RuleViolationException.conflict("status", "not-waiting-for-approval", "campaign " + campaignId
                    + " is " + status + ": only a campaign waiting for approval is approved");
        }
        if (command.approvedBy().equals(createdBy)) {
            throw RuleViolationException.forbidden("approvedBy", "four-eyes", "campaign " + campaignId
                    + " is approved by someone other than its creator");
        }
        apply(new FlashCampaignApprovedEvent(campaignId, command.approvedBy(), now()));
    }

    /** Starts a READY campaign with its first group. */
    @CommandHandler
    void handle(StartFlashCampaignCommand command) {
        if (status != READY) {
            throw RuleViolationException.conflict("status", "not-ready", "campaign " + campaignId + " is " + status
                    + (status == WAITING_FOR_APPROVAL ? ": it must be approved first" : ": it started already"));
        }
        Instant now = now();
        apply(new FlashCampaignStartedEvent(campaignId, command.startedBy(), now));
        startGroup(0, now);
    }

    /** Pauses a RUNNING campaign; a paused one stays paused without a new event. */
    @CommandHandler
    void handle(PauseFlashCampaignCommand command) {
        if (status == PAUSED) {
            return;
        }
        if (status != RUNNING) {
            throw RuleViolationException.conflict("status", "not-running", "campaign " + campaignId + " is "
                    + status + ": only a running campaign is paused");
        }
        apply(new FlashCampaignPausedEvent(campaignId, orDefault(command.reason(), DEFAULT_PAUSE_REASON), false,
                command.pausedBy(), now()));
    }

    /** Resumes a PAUSED campaign, starting the next group if the current one is done with (see the class comment). */
    @CommandHandler
    void handle(ResumeFlashCampaignCommand command) {
        if (status != PAUSED) {
            throw RuleViolationException.conflict("status", "not-paused", "campaign " + campaignId + " is "
                    + status + ": only a paused campaign is resumed");
        }
        Instant now = now();
        apply(new FlashCampaignResumedEvent(campaignId, command.resumedBy(), now));
        if (reachedSuccess(currentGroup) || groupEnded(currentGroup)) {
            startNextGroup(now);
        }
    }

    /** Emergency stop; a stopped campaign stays stopped without a new event, a finished one is refused. */
    @CommandHandler
    void handle(StopFlashCampaignCommand command) {
        if (status == STOPPED) {
            return;
        }
        if (status == FINISHED) {
            throw RuleViolationException.conflict("status", "finished", "campaign " + campaignId
                    + " finished already");
        }
        Instant now = now();
        apply(new FlashCampaignStoppedEvent(campaignId, orDefault(command.reason(), DEFAULT_STOP_REASON),
                command.stoppedBy(), now));
        // the groups that never started end here, every vehicle cancelled: the campaign has an outcome for each
        for (int group = currentGroup + 1; group < groups.size(); group++) {
            for (String vehicleId : groups.get(group)) {
                apply(new CampaignVehicleOutcomeRecordedEvent(campaignId, group, vehicleId, null, CANCELLED,
                        NEVER_STARTED, now));
            }
            apply(new CampaignGroupFinishedEvent(campaignId, group, groups.get(group).size(), 0, 0, now));
        }
    }

    /** Records the job that flashes one of the campaign's vehicles; a repeat, or a vehicle already ended, is ignored. */
    @CommandHandler
    void handle(RecordCampaignFlashStartedCommand command) {
        int group = groupOf(command.vehicleId());
        Rules.required(command.flashJobId(), "flashJobId");
        if (started.contains(command.vehicleId()) || outcomes.containsKey(command.vehicleId())) {
            return;
        }
        apply(new CampaignFlashStartedEvent(campaignId, group, command.vehicleId(), command.flashJobId(), now()));
    }

    /** Records how a vehicle ended (once), then counts (see the class comment). */
    @CommandHandler
    void handle(RecordCampaignVehicleOutcomeCommand command) {
        int group = groupOf(command.vehicleId());
        Rules.required(command.outcome(), "outcome");
        if (outcomes.containsKey(command.vehicleId())) {
            return;
        }
        Instant now = now();
        apply(new CampaignVehicleOutcomeRecordedEvent(campaignId, group, command.vehicleId(), command.flashJobId(),
                command.outcome(), command.reason(), now));
        if (groupEnded(group)) {
            int size = groups.get(group).size();
            apply(new CampaignGroupFinishedEvent(campaignId, group, size, flashed[group], size - flashed[group]
                    - count(group, CANCELLED), now));
        }
        if (outcomes.size() == groupOf.size()) {
            if (status != STOPPED) {
                apply(new FlashCampaignFinishedEvent(campaignId, outcomes.size(), total(FLASHED), total(FAILED),
                        total(CANCELLED), total(EXPIRED), now));
            }
            return;
        }
        if (status != RUNNING) {
            return;
        }
        boolean error = command.outcome() == FAILED || command.outcome() == EXPIRED;
        int inStartedGroups = vehiclesInStartedGroups();
        int errorLimit = Math.max(1, percentOf(errorThresholdPct, inStartedGroups));
        if (error && errors >= errorLimit) {
            apply(new FlashCampaignPausedEvent(campaignId, errors + " errors among the " + inStartedGroups
                    + " vehicles of the started groups, at the error threshold of " + errorThresholdPct + " %", true,
                    null, now));
        } else if (group == currentGroup && groupEnded(group) && !reachedSuccess(group)) {
            apply(new FlashCampaignPausedEvent(campaignId, "group " + group + ": " + flashed[group] + " of "
                    + groups.get(group).size() + " flashed, below " + successThresholdPct + " %", false, null, now));
        } else if (group == currentGroup && reachedSuccess(group)) {
            startNextGroup(now);
        }
    }

    private int groupOf(String vehicleId) {
        Rules.required(vehicleId, "vehicleId");
        Integer group = groupOf.get(vehicleId);
        if (group == null) {
            throw RuleViolationException.unprocessable("vehicleId", "not-in-campaign", "vehicle " + vehicleId
                    + " is not in campaign " + campaignId);
        }
        return group;
    }

    private boolean groupEnded(int group) {
        return group >= 0 && ended[group] == groups.get(group).size();
    }

    private boolean reachedSuccess(int group) {
        return group >= 0 && flashed[group] >= percentOf(successThresholdPct, groups.get(group).size());
    }

    private int vehiclesInStartedGroups() {
        int vehicles = 0;
        for (int group = 0; group <= currentGroup; group++) {
            vehicles += groups.get(group).size();
        }
        return vehicles;
    }

    private void startNextGroup(Instant now) {
        if (currentGroup + 1 < groups.size()) {
            startGroup(currentGroup + 1, now);
        }
    }

    private void startGroup(int group, Instant now) {
        apply(new CampaignGroupStartedEvent(campaignId, group, groups.get(group), firmwareId, ecu, now));
    }

    private int count(int group, CampaignVehicleOutcome outcome) {
        return (int) groups.get(group).stream().filter(vehicleId -> outcomes.get(vehicleId) == outcome).count();
    }

    private int total(CampaignVehicleOutcome outcome) {
        return (int) outcomes.values().stream().filter(outcome::equals).count();
    }

    /** {@code pct} % of {@code of}, rounded up. */
    static int percentOf(int pct, int of) {
        return (pct * of + 99) / 100;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(FlashCampaignCreatedEvent event) {
        campaignId = event.campaignId();
        firmwareId = event.firmwareId();
        ecu = event.ecu();
        createdBy = event.createdBy();
        status = event.requiresApproval() ? WAITING_FOR_APPROVAL : READY;
        successThresholdPct = event.successThresholdPct();
        errorThresholdPct = event.errorThresholdPct();
        groups = new ArrayList<>(event.groups());
        groupOf = new HashMap<>();
        for (int group = 0; group < groups.size(); group++) {
            for (String vehicleId : groups.get(group)) {
                groupOf.put(vehicleId, group);
            }
        }
        started = new HashSet<>();
        outcomes = new HashMap<>();
        currentGroup = -1;
        ended = new int[groups.size()];
        flashed = new int[groups.size()];
    }

    @EventSourcingHandler
    void on(FlashCampaignApprovedEvent event) {
        status = READY;
    }

    @EventSourcingHandler
    void on(FlashCampaignStartedEvent event) {
        status = RUNNING;
    }

    @EventSourcingHandler
    void on(CampaignGroupStartedEvent event) {
        currentGroup = event.group();
    }

    @EventSourcingHandler
    void on(FlashCampaignPausedEvent event) {
        status = PAUSED;
    }

    @EventSourcingHandler
    void on(FlashCampaignResumedEvent event) {
        status = RUNNING;
    }

    @EventSourcingHandler
    void on(FlashCampaignStoppedEvent event) {
        status = STOPPED;
    }

    @EventSourcingHandler
    void on(CampaignFlashStartedEvent event) {
        started.add(event.vehicleId());
    }

    @EventSourcingHandler
    void on(CampaignVehicleOutcomeRecordedEvent event) {
        outcomes.put(event.vehicleId(), event.outcome());
        ended[event.group()]++;
        if (event.outcome() == FLASHED) {
            flashed[event.group()]++;
        } else if (event.outcome() == FAILED || event.outcome() == EXPIRED) {
            errors++;
        }
    }

    @EventSourcingHandler
    void on(FlashCampaignFinishedEvent event) {
        status = FINISHED;
    }
}
