package io.axle.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.axle.api.run.ReadingsRefusedForRunQuery;
import io.axle.api.run.RunStartedEvent;
import io.axle.gateway.GatewayTestSupport;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The registry kept by its processor in Hazelcast, and the event store settling what the map does not know. */
class RunRegistryTest extends GatewayTestSupport {

    @Autowired
    private RunRegistry registry;
    @Autowired
    private HazelcastInstance hazelcast;

    private IMap<String, RunFacts> runs() {
        return hazelcast.getMap(RunRegistry.MAP);
    }

    @Test
    void theProcessorRecordsStartedAndEndedRuns() {
        String runId = startRun(120, 5, Map.of());

        await().atMost(Duration.ofSeconds(15)).until(() -> runs().get(runId) != null);
        RunFacts running = runs().get(runId);
        assertThat(running.state()).isEqualTo(RunState.RUNNING);
        assertThat(running.duration()).isEqualTo(120);
        assertThat(running.interval()).isEqualTo(5);

        completeRun(runId, 1);

        await().atMost(Duration.ofSeconds(15)).until(() -> runs().get(runId).state() == RunState.ENDED);
        assertThat(runs().get(runId).endedAt()).isNotNull();
        assertThat(registry.stateOf(runId)).isEqualTo(RunState.ENDED);
    }

    @Test
    void aMissIsSettledByTheEventStoreAndCached() {
        String runId = startRun();
        await().atMost(Duration.ofSeconds(15)).until(() -> runs().get(runId) != null);
        runs().delete(runId);

        assertThat(registry.stateOf(runId)).isEqualTo(RunState.RUNNING);
        assertThat(runs().get(runId)).as("the event store's answer is cached").isNotNull();

        completeRun(runId, 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> runs().get(runId).state() == RunState.ENDED);
        runs().delete(runId);
        assertThat(registry.stateOf(runId)).isEqualTo(RunState.ENDED);
    }

    @Test
    void aRunTheEventStoreDoesNotKnowIsUnknownAndNotPutInTheSharedMap() {
        String runId = UUID.randomUUID().toString();

        assertThat(registry.stateOf(runId)).isEqualTo(RunState.UNKNOWN);
        assertThat(runs().containsKey(runId)).isFalse();
    }

    @Test
    void anUnknownRunIsRememberedBrieflySoThatItsReadingsDoNotEachReadTheEventStore() {
        AtomicInteger reads = new AtomicInteger();
        MutableClock clock = new MutableClock(Instant.now());
        RunRegistry counted = new RunRegistry(hazelcast, countingReads(eventStore, reads), clock);
        String runId = UUID.randomUUID().toString();

        assertThat(counted.stateOf(runId)).isEqualTo(RunState.UNKNOWN);
        assertThat(counted.stateOf(runId)).isEqualTo(RunState.UNKNOWN);
        assertThat(reads).as("the second answer came from memory").hasValue(1);

        clock.advance(RunRegistry.UNKNOWN_RETENTION);
        assertThat(counted.stateOf(runId)).isEqualTo(RunState.UNKNOWN);
        assertThat(reads).as("once remembered long enough, the event store is asked again").hasValue(2);
    }

    @Test
    void aRunStartingWhileRememberedAsUnknownIsAcceptedAsSoonAsTheProcessorRecordedIt() {
        AtomicInteger reads = new AtomicInteger();
        RunRegistry counted = new RunRegistry(hazelcast, countingReads(eventStore, reads),
                new MutableClock(Instant.now()));
        String runId = UUID.randomUUID().toString();
        assertThat(counted.stateOf(runId)).isEqualTo(RunState.UNKNOWN);

        eventStore.publish(new GenericDomainEventMessage<>("SimulationRun", runId, 0,
                new RunStartedEvent(runId, "tester", Instant.now(), 600, 1, Map.of())));

        // the clock stands still: only the processor's entry can turn the remembered UNKNOWN into RUNNING
        await().atMost(Duration.ofSeconds(15)).until(() -> counted.stateOf(runId) == RunState.RUNNING);
        assertThat(reads).hasValue(1);
    }

    /** The store, counting how often a run's events are read. */
    private static EventStore countingReads(EventStore store, AtomicInteger reads) {
        return (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(), new Class<?>[] {EventStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("readEvents")) {
                        reads.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void askedWhetherReadingsAreRefusedItRecordsAStoredEndInTheSharedMapBeforeAnswering() {
        String runId = startRun();
        await().atMost(Duration.ofSeconds(15)).until(() -> runs().get(runId) != null);
        assertThat(registry.handle(new ReadingsRefusedForRunQuery(runId))).isFalse();
        assertThat(runs().get(runId).state()).isEqualTo(RunState.RUNNING);

        completeRun(runId, 1);

        assertThat(registry.handle(new ReadingsRefusedForRunQuery(runId))).isTrue();
        assertThat(runs().get(runId).state()).isEqualTo(RunState.ENDED);
        assertThat(registry.stateOf(runId)).isEqualTo(RunState.ENDED);
    }

    @Test
    void aStartTheProcessorHandlesLateDoesNotUndoAnEndAlreadyRecorded() {
        String runId = UUID.randomUUID().toString();
        runs().set(runId, new RunFacts(Instant.now(), 600, 1, Instant.now()));

        registry.on(new RunStartedEvent(runId, "tester", Instant.now(), 600, 1, Map.of()));

        assertThat(runs().get(runId).state()).isEqualTo(RunState.ENDED);
    }

    @Test
    void everyNodeReadsTheSharedEntryItselfSoThatAnEndWrittenElsewhereCountsAtOnce() {
        assertThat(RunRegistry.mapConfig().getNearCacheConfig()).isNull();
    }

    @Test
    void theEventStoreFoldsARunsEvents() {

        String runId = startRun(60, 2, Map.of());
        completeRun(runId, 1);

        RunFacts facts = registry.fromEventStore(runId);

        assertThat(facts.duration()).isEqualTo(60);
        assertThat(facts.interval()).isEqualTo(2);
        assertThat(facts.state()).isEqualTo(RunState.ENDED);
        assertThat(registry.fromEventStore(UUID.randomUUID().toString())).isNull();
    }
}
