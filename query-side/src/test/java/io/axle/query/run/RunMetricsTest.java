package io.axle.query.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.api.run.RunCompletedEvent;
import io.axle.api.run.RunFailedEvent;
import io.axle.api.run.RunInterruptedEvent;
import io.axle.api.run.RunStartedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

class RunMetricsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final RunMetrics metrics = new RunMetrics(registry);

    @Test
    void everyCounterExistsAtZeroBeforeAnyRun() {
        assertThat(started()).isZero();
        assertThat(completed("COMPLETED")).isZero();
        assertThat(completed("INTERRUPTED")).isZero();
        assertThat(completed("FAILED")).isZero();
    }

    @Test
    void startsAndEndsAreCountedByFinalStatus() {
        metrics.on(new RunStartedEvent("r-1", "alice", T0, 60, 5, Map.of()));
        metrics.on(new RunStartedEvent("r-2", "alice", T0, 60, 5, Map.of()));
        metrics.on(new RunStartedEvent("r-3", "alice", T0, 60, 5, Map.of()));
        metrics.on(new RunCompletedEvent("r-1", T0, "done"));
        metrics.on(new RunInterruptedEvent("r-2", T0, "stop"));
        metrics.on(new RunFailedEvent("r-3", T0, "broken"));

        assertThat(started()).isEqualTo(3);
        assertThat(completed("COMPLETED")).isEqualTo(1);
        assertThat(completed("INTERRUPTED")).isEqualTo(1);
        assertThat(completed("FAILED")).isEqualTo(1);
    }

    @Test
    void theMetricsCountEventsWhenTheyArePublishedOnThisNode() {
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerEventHandler(c -> metrics);
        new RunMetricsConfiguration().subscribingRunMetrics().configureModule(configurer);
        Configuration axon = configurer.start();
        try {
            assertThat(axon.eventProcessingConfiguration()
                    .eventProcessor(RunMetrics.PROCESSING_GROUP, SubscribingEventProcessor.class)).isPresent();

            axon.eventBus().publish(GenericEventMessage.asEventMessage(
                    new RunStartedEvent("r-1", "alice", T0, 60, 5, Map.of())));

            assertThat(started()).isEqualTo(1);
        } finally {
            axon.shutdown();
        }
    }

    private double started() {
        return registry.get(RunMetrics.STARTED).counter().count();
    }

    private double completed(String status) {
        return registry.get(RunMetrics.COMPLETED).tag("status", status).counter().count();
    }
}
