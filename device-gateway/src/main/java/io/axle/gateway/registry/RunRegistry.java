package io.axle.gateway.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.axle.api.run.RunCompletedEvent;
import io.axle.api.run.ReadingsRefusedForRunQuery;
import io.axle.api.run.RunFailedEvent;
import io.axle.api.run.RunInterruptedEvent;
import io.axle.api.run.RunStartedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The runs every gateway node may accept readings for, in the Hazelcast map {@value #MAP}. A tracking processor
 * ({@value #PROCESSING_GROUP}, so one node writes) keeps the map, and the command side has an end written at once by
 * asking {@link ReadingsRefusedForRunQuery} before it answers a finish; a miss (a new node, an expired entry, a processor
 * behind) is settled by reading the run's own events from the event store, and the answer is cached. Entries of
 * running runs expire a while after their planned end and ended ones after an hour, so the map stays small and an
 * entry the processor failed to update answers for a bounded time only, after which the event store decides again.
 * A run the event store does not know is remembered by this node for {@link #UNKNOWN_RETENTION}, so that a device
 * sending for a wrong run id does not read the event store with every reading; the map is asked first, so a run
 * starting meanwhile is accepted as soon as the processor recorded it.
 */
@Component
@ProcessingGroup(RunRegistry.PROCESSING_GROUP)
public class RunRegistry implements RunStates {

    public static final String MAP = "axle-running-runs";
    public static final String PROCESSING_GROUP = "run-registry";

    /** How long a running entry outlives the run's planned end (the command side ends it by a deadline). */
    static final Duration RUNNING_GRACE = Duration.ofMinutes(5);
    /** How long the registry remembers that a run ended. */
    static final Duration ENDED_RETENTION = Duration.ofHours(1);
    /** How long this node remembers that the event store knew no run of an id. */
    static final Duration UNKNOWN_RETENTION = Duration.ofSeconds(5);
    /** Above this many remembered unknown ids, the expired ones are dropped (all of them if none expired). */
    static final int UNKNOWN_LIMIT = 10_000;

    private final IMap<String, RunFacts> runs;
    private final EventStore eventStore;
    private final Clock clock;
    private final RecentlyUnknown unknown;

    @Autowired
    public RunRegistry(HazelcastInstance hazelcast, EventStore eventStore) {
        this(hazelcast, eventStore, Clock.systemUTC());
    }

    RunRegistry(HazelcastInstance hazelcast, EventStore eventStore, Clock clock) {
        hazelcast.getConfig().addMapConfig(mapConfig());
        this.runs = hazelcast.getMap(MAP);
        this.eventStore = eventStore;
        this.clock = clock;
        this.unknown = new RecentlyUnknown(UNKNOWN_RETENTION, UNKNOWN_LIMIT, clock);
    }

    /**
     * Every reading asks the map's owner of the run's entry, never a near cache: Hazelcast invalidates near caches
     * asynchronously, so a node could go on accepting readings for a run whose end another node has already written.
     * The read costs one round trip to the owner (none on a single node), small beside the Kafka write every accepted
     * reading waits for.
     */
    static MapConfig mapConfig() {
        return new MapConfig(MAP);
    }

    @EventHandler
    void on(RunStartedEvent event) {
        RunFacts facts = new RunFacts(event.startedAt(), event.duration(), event.interval(), null);
        // putIfAbsent: an end already settled from the event store (a finish answered first) is never undone
        runs.putIfAbsent(event.runId(), facts, ttlSeconds(facts), TimeUnit.SECONDS);
    }

    @EventHandler
    void on(RunCompletedEvent event) {
        ended(event.runId(), event.finishedAt());
    }

    @EventHandler
    void on(RunInterruptedEvent event) {
        ended(event.runId(), event.finishedAt());
    }

    @EventHandler
    void on(RunFailedEvent event) {
        ended(event.runId(), event.finishedAt());
    }

    private void ended(String runId, Instant finishedAt) {
        RunFacts known = runs.get(runId);
        Instant at = orNow(finishedAt);
        RunFacts facts = known != null ? known.ended(at) : new RunFacts(null, 0, 0, at);
        runs.set(runId, facts, ENDED_RETENTION.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Answers whether readings for the run are refused because it ended, after recording the end in the shared map
     * from the event store if this processor has not yet: the map is read by every node for every reading, so from
     * this answer on no node accepts one. Asked by the command side before it answers a finish or an interrupt.
     */
    @QueryHandler
    Boolean handle(ReadingsRefusedForRunQuery query) {
        RunFacts known = runs.get(query.runId());
        if (known != null && known.state() == RunState.ENDED) {
            return true;
        }
        RunFacts stored = fromEventStore(query.runId());
        if (stored == null || stored.state() != RunState.ENDED) {
            return false;
        }
        runs.set(query.runId(), stored, ENDED_RETENTION.toSeconds(), TimeUnit.SECONDS);
        return true;
    }

    @Override
    public RunState stateOf(String runId) {
        RunFacts facts = runs.get(runId);
        if (facts != null) {
            return facts.state();
        }
        if (unknown.contains(runId)) {
            return RunState.UNKNOWN;
        }
        RunFacts stored = fromEventStore(runId);
        if (stored == null) {
            unknown.remember(runId);
            return RunState.UNKNOWN;
        }
        unknown.forget(runId);
        // putIfAbsent: the processor's own answer, written meanwhile, is never overwritten by this older read
        runs.putIfAbsent(runId, stored, ttlSeconds(stored), TimeUnit.SECONDS);
        return stored.state();
    }

    /** The run's facts folded from its events, or {@code null} when the store holds no start of it. */
    RunFacts fromEventStore(String runId) {
        RunFacts facts = null;
        DomainEventStream events = eventStore.readEvents(runId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            Class<?> type = event.getPayloadType();
            if (RunStartedEvent.class.equals(type)) {
                RunStartedEvent started = (RunStartedEvent) event.getPayload();
                facts = new RunFacts(started.startedAt(), started.duration(), started.interval(), null);
            } else if (facts != null && RunCompletedEvent.class.equals(type)) {
                facts = facts.ended(orNow(((RunCompletedEvent) event.getPayload()).finishedAt()));
            } else if (facts != null && RunInterruptedEvent.class.equals(type)) {
                facts = facts.ended(orNow(((RunInterruptedEvent) event.getPayload()).finishedAt()));
            } else if (facts != null && RunFailedEvent.class.equals(type)) {
                facts = facts.ended(orNow(((RunFailedEvent) event.getPayload()).finishedAt()));
            }
        }
        return facts;
    }

    private Instant orNow(Instant at) {
        return at != null ? at : clock.instant();
    }

    private long ttlSeconds(RunFacts facts) {
        if (facts.state() == RunState.ENDED) {
            return ENDED_RETENTION.toSeconds();
        }
        Instant plannedEnd = facts.startedAt() == null ? clock.instant()
                : facts.startedAt().plusSeconds(Math.max(facts.duration(), 0));
        long remaining = Math.max(Duration.between(clock.instant(), plannedEnd).toSeconds(), 0);
        return remaining + RUNNING_GRACE.toSeconds();
    }
}
