package io.axle.query.sensor;

import io.axle.api.run.RunCompletedEvent;
import io.axle.api.run.RunFailedEvent;
import io.axle.api.run.RunInterruptedEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The {@value #NAME} gauge of each run that is receiving readings, tagged {@code runId}: the run's average temperature
 * so far. A run's gauge appears with its first reading and goes when the run ends (seen by the subscribing processing
 * group {@value #PROCESSING_GROUP}, so only where the run ended in this process) or after it has had no reading for
 * the idle timeout, which also covers runs ended on other nodes.
 */
@Component
@ProcessingGroup(TemperatureGauges.PROCESSING_GROUP)
public class TemperatureGauges implements DisposableBean {

    static final String NAME = "temperature_avg";
    static final String PROCESSING_GROUP = "sensor-metrics";

    private final MeterRegistry registry;
    private final Duration idleTimeout;
    private final Clock clock;
    private final Map<String, RunGauge> gauges = new ConcurrentHashMap<>();
    private final Map<String, Instant> ended = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    @Autowired
    public TemperatureGauges(MeterRegistry registry,
            @Value("${axle.telemetry.gauge-idle-timeout:10m}") Duration idleTimeout) {
        this(registry, idleTimeout, Clock.systemUTC());
        long period = Math.max(1000, idleTimeout.toMillis() / 10);
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** Without the periodic sweep; {@link #sweep()} is then the caller's to call. */
    TemperatureGauges(MeterRegistry registry, Duration idleTimeout, Clock clock) {
        this.registry = registry;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "temperature-gauge-sweeper");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Sets the run's average temperature, registering its gauge first if needed; an ended run gets no gauge again. The
     * ended check is made inside the atomic update of the run's entry, which {@link #end} also goes through after
     * marking the run ended, so a reading racing with the end of its run cannot register the gauge after its removal.
     */
    void record(String runId, double average) {
        Instant now = clock.instant();
        gauges.compute(runId, (id, gauge) -> {
            if (ended.containsKey(id)) {
                if (gauge != null) {
                    registry.remove(gauge.meter);
                }
                return null;
            }
            RunGauge current = gauge == null ? register(id, now) : gauge;
            current.value = average;
            current.lastReadingAt = now;
            return current;
        });
    }

    @EventHandler
    void on(RunCompletedEvent event) {
        end(event.runId());
    }

    @EventHandler
    void on(RunInterruptedEvent event) {
        end(event.runId());
    }

    @EventHandler
    void on(RunFailedEvent event) {
        end(event.runId());
    }

    /** Removes the gauges of runs idle for longer than the idle timeout, and forgets ends older than that. */
    void sweep() {
        Instant horizon = clock.instant().minus(idleTimeout);
        for (String runId : gauges.keySet()) {
            gauges.computeIfPresent(runId, (id, gauge) -> {
                if (gauge.lastReadingAt.isBefore(horizon)) {
                    registry.remove(gauge.meter);
                    return null;
                }
                return gauge;
            });
        }
        ended.values().removeIf(at -> at.isBefore(horizon));
    }

    private void end(String runId) {
        ended.put(runId, clock.instant());
        gauges.computeIfPresent(runId, (id, gauge) -> {
            registry.remove(gauge.meter);
            return null;
        });
    }

    private RunGauge register(String runId, Instant now) {
        RunGauge gauge = new RunGauge();
        gauge.lastReadingAt = now;
        gauge.meter = Gauge.builder(NAME, gauge, g -> g.value)
                .description("Average temperature of the readings of a run so far, in degrees Celsius")
                .tag("runId", runId)
                .strongReference(true)
                .register(registry);
        return gauge;
    }

    @Override
    public void destroy() {
        sweeper.shutdownNow();
    }

    private static final class RunGauge {
        volatile double value = Double.NaN;
        volatile Instant lastReadingAt;
        Gauge meter;
    }
}
