package io.axle.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.axle.gateway.GatewayTestSupport;
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
    void aRunTheEventStoreDoesNotKnowIsUnknownAndNotCached() {
        String runId = UUID.randomUUID().toString();

        assertThat(registry.stateOf(runId)).isEqualTo(RunState.UNKNOWN);
        assertThat(runs().containsKey(runId)).isFalse();
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
