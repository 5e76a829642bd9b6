package io.axle.command.run;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.api.run.AllRunsInterruptRequestedEvent;
import io.axle.api.run.InterruptAllRunsCommand;
import io.axle.api.run.ReleaseRunSlotCommand;
import io.axle.api.run.RunSlotClaimedEvent;
import io.axle.api.run.RunSlotReleasedEvent;
import io.axle.api.run.RunStatus;
import io.axle.api.run.RunView;
import io.axle.api.run.StartRunCommand;
import io.axle.command.AggregateStorageConfiguration;
import io.axle.command.RuleViolationException;
import io.axle.command.Rules;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static io.axle.api.run.RunSlots.CAPACITY;
import static io.axle.api.run.RunSlots.ID;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The one aggregate ({@link io.axle.api.run.RunSlots#ID}) that owns the {@value io.axle.api.run.RunSlots#CAPACITY}
 * slots of running simulation runs for the whole cluster. A start claims a slot and creates its {@link SimulationRun}
 * in the same unit of work, so both streams are written in one transaction or not at all; two nodes deciding at once
 * collide on the event store's (aggregate id, sequence number) key and the loser is retried against fresh state.
 *
 * <p>Deliberately not cached: with a shared event store and commands handled on every node, a cached copy may miss a
 * release or claim made on another node, and a decision that writes no event (a refusal, an idempotent release, the
 * answer of interrupt-all) would then be taken on stale state without any conflict to reveal it. Snapshots keep loading
 * cheap however long its history grows.
 */
@Aggregate(snapshotTriggerDefinition = AggregateStorageConfiguration.LONG_LIVED_SNAPSHOTS)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class RunSlots {

    /** Longest run: one day, in seconds. */
    static final int MAX_DURATION = 86_400;
    /** Longest interval between two readings: one hour, in seconds. */
    static final int MAX_INTERVAL = 3_600;
    /** Longest name of a run, in characters. */
    static final int MAX_NAME_LENGTH = 100;

    @AggregateIdentifier
    private String slotsId;
    /** Runs holding a slot, in the order they claimed it. */
    private final LinkedHashSet<String> holders = new LinkedHashSet<>();

    protected RunSlots() {
    }

    /**
     * Claims a slot and starts the run, or refuses with 409 when every slot is held. Answers the new run as a
     * {@link RunView} without {@code grafanaUrl}, which the edge fills in.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    RunView handle(StartRunCommand command) throws Exception {
        requireTheSlots(command.slotsId());
        Rules.required(command.runId(), "runId");
        Rules.required(command.username(), "username");
        checkTiming(command.duration(), command.interval());
        String name = name(command.name());
        if (holders.contains(command.runId())) {
            throw RuleViolationException.conflict("runId", "must-be-unique",
                    "run " + command.runId() + " is already running");
        }
        if (holders.size() >= CAPACITY) {
            throw RuleViolationException.conflict("runs", "max-running-runs",
                    "At most " + CAPACITY + " runs may be RUNNING at once; held by "
                            + String.join(", ", holders));
        }
        Map<String, Object> params = command.params() == null ? Map.of() : new LinkedHashMap<>(command.params());
        Instant startedAt = GenericEventMessage.clock.instant();
        apply(new RunSlotClaimedEvent(command.slotsId(), command.runId(), holders.size() + 1));
        AggregateLifecycle.createNew(SimulationRun.class, () -> new SimulationRun(command.runId(), command.username(),
                startedAt, command.duration(), command.interval(), params, name));
        return new RunView(command.runId(), command.username(), RunStatus.RUNNING, startedAt, null,
                command.duration(), command.interval(), params, null, name);
    }

    /** Gives the slot of an ended run back; a run that holds no slot changes nothing. */
    @CommandHandler
    void handle(ReleaseRunSlotCommand command) {
        if (command.runId() != null && holders.contains(command.runId())) {
            apply(new RunSlotReleasedEvent(slotsId, command.runId(), holders.size() - 1));
        }
    }

    /**
     * Records the request to stop every run holding a slot and answers their ids ({@code List<String>}, oldest claim
     * first); the caller interrupts each run. With no run holding a slot, nothing is recorded and the list is empty.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    List<String> handle(InterruptAllRunsCommand command) {
        requireTheSlots(command.slotsId());
        List<String> running = List.copyOf(holders);
        if (!running.isEmpty()) {
            apply(new AllRunsInterruptRequestedEvent(slotsId, running, command.requestedBy()));
        }
        return running;
    }

    /** Any other id would create a second set of slots, and with it a second cap. */
    private static void requireTheSlots(String slotsId) {
        if (!ID.equals(slotsId)) {
            throw RuleViolationException.unprocessable("slotsId", "run-slots-id",
                    "runs are started and stopped through slots " + ID + ", not " + slotsId);
        }
    }

    /** The run's name without surrounding blanks; null when there is none. Control characters never get this far. */
    private static String name(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String stripped = name.strip();
        if (stripped.length() > MAX_NAME_LENGTH) {
            throw RuleViolationException.unprocessable("name", "max-length",
                    "name must be at most " + MAX_NAME_LENGTH + " characters, was " + stripped.length());
        }
        return stripped;
    }

    private static void checkTiming(int duration, int interval) {
        if (duration < 1 || duration > MAX_DURATION) {
            throw RuleViolationException.unprocessable("duration", "range",
                    "duration must be between 1 and " + MAX_DURATION + " seconds, was " + duration);
        }
        if (interval < 1 || interval > MAX_INTERVAL) {
            throw RuleViolationException.unprocessable("interval", "range",
                    "interval must be between 1 and " + MAX_INTERVAL + " seconds, was " + interval);
        }
        if (interval > duration) {
            throw RuleViolationException.unprocessable("interval", "not-above-duration",
                    "interval (" + interval + " s) must not exceed duration (" + duration + " s)");
        }
    }

    @EventSourcingHandler
    void on(RunSlotClaimedEvent event) {
        slotsId = event.slotsId();
        holders.add(event.runId());
    }

    @EventSourcingHandler
    void on(RunSlotReleasedEvent event) {
        holders.remove(event.runId());
    }
}
