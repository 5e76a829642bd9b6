package io.axle.query.run;

import io.axle.api.run.RunCompletedEvent;
import io.axle.api.run.RunFailedEvent;
import io.axle.api.run.RunInterruptedEvent;
import io.axle.api.run.RunStartedEvent;
import io.axle.api.run.RunStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Counts runs as they start ({@value #STARTED}) and end ({@value #COMPLETED}, tagged with the final status). Its
 * processing group is subscribing ({@link RunMetricsConfiguration}): each node counts the events published on it,
 * live, never a replay of history, so the counters summed over the nodes are the cluster's.
 */
@Component
@ProcessingGroup(RunMetrics.PROCESSING_GROUP)
public class RunMetrics {

    static final String PROCESSING_GROUP = "run-metrics";
    static final String STARTED = "run_started";
    static final String COMPLETED = "run_completed";

    private final Counter started;
    private final Map<RunStatus, Counter> ended = new EnumMap<>(RunStatus.class);

    public RunMetrics(MeterRegistry registry) {
        started = Counter.builder(STARTED).description("Simulation runs started").register(registry);
        for (RunStatus status : new RunStatus[] {RunStatus.COMPLETED, RunStatus.INTERRUPTED, RunStatus.FAILED}) {
            ended.put(status, Counter.builder(COMPLETED).description("Simulation runs ended, by final status")
                    .tag("status", status.name()).register(registry));
        }
    }

    @EventHandler
    void on(RunStartedEvent event) {
        started.increment();
    }

    @EventHandler
    void on(RunCompletedEvent event) {
        ended.get(RunStatus.COMPLETED).increment();
    }

    @EventHandler
    void on(RunInterruptedEvent event) {
        ended.get(RunStatus.INTERRUPTED).increment();
    }

    @EventHandler
    void on(RunFailedEvent event) {
        ended.get(RunStatus.FAILED).increment();
    }
}
