package io.axle.query.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.api.run.RunCompletedEvent;
import io.axle.api.run.RunFailedEvent;
import io.axle.api.run.RunInterruptedEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-run temperature gauge: when it appears, what it shows and when it goes. */
class TemperatureGaugesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(T0);
    private final TemperatureGauges gauges = new TemperatureGauges(registry, Duration.ofMinutes(10), clock);

    @Test
    void aRunGetsItsGaugeWithItsFirstReadingAndFollowsItsAverage() {
        assertThat(gauge("run-1")).isNull();

        gauges.record("run-1", 20.5);
        assertThat(gauge("run-1").value()).isEqualTo(20.5);

        gauges.record("run-1", 21.0);
        gauges.record("run-2", -3.0);
        assertThat(gauge("run-1").value()).isEqualTo(21.0);
        assertThat(gauge("run-2").value()).isEqualTo(-3.0);
        assertThat(registry.find(TemperatureGauges.NAME).gauges()).hasSize(2);
    }

    @Test
    void theGaugeGoesWhenTheRunCompletesIsInterruptedOrFails() {
        gauges.record("run-1", 20.0);
        gauges.record("run-2", 20.0);
        gauges.record("run-3", 20.0);
        gauges.record("run-4", 20.0);

        gauges.on(new RunCompletedEvent("run-1", T0, null));
        gauges.on(new RunInterruptedEvent("run-2", T0, "stopped"));
        gauges.on(new RunFailedEvent("run-3", T0, "broken"));

        assertThat(gauge("run-1")).isNull();
        assertThat(gauge("run-2")).isNull();
        assertThat(gauge("run-3")).isNull();
        assertThat(gauge("run-4").value()).isEqualTo(20.0);
    }

    @Test
    void aLateReadingOfAnEndedRunDoesNotBringItsGaugeBack() {
        gauges.record("run-1", 20.0);
        gauges.on(new RunCompletedEvent("run-1", T0, null));

        gauges.record("run-1", 25.0);

        assertThat(gauge("run-1")).isNull();
    }

    /** The run ends after the reading was taken for its run but before the gauge is registered. */
    @Test
    void aReadingRacingWithTheEndOfItsRunDoesNotLeaveAGaugeBehind() {
        clock.beforeNextInstant = () -> gauges.on(new RunCompletedEvent("run-1", T0, null));

        gauges.record("run-1", 25.0);

        assertThat(clock.beforeNextInstant).isNull();
        assertThat(gauge("run-1")).isNull();
        gauges.record("run-1", 26.0);
        assertThat(gauge("run-1")).isNull();
    }

    @Test
    void readingsAndEndsOnDifferentThreadsLeaveNoGaugeOfAnEndedRun() throws Exception {
        TemperatureGauges racing = new TemperatureGauges(registry, Duration.ofMinutes(10), Clock.systemUTC());
        int runs = 2000;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> readings = threads.submit(() -> {
                go.await();
                for (int i = 0; i < runs; i++) {
                    racing.record("run-" + i, i);
                }
                return null;
            });
            Future<?> ends = threads.submit(() -> {
                go.await();
                for (int i = 0; i < runs; i++) {
                    racing.on(new RunCompletedEvent("run-" + i, T0, null));
                }
                return null;
            });
            go.countDown();
            readings.get(30, TimeUnit.SECONDS);
            ends.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        assertThat(registry.find(TemperatureGauges.NAME).gauges()).isEmpty();
    }

    @Test
    void aRunWithoutReadingsForTheIdleTimeoutLosesItsGauge() {
        gauges.record("run-1", 20.0);
        gauges.record("run-2", 20.0);
        clock.now = T0.plus(Duration.ofMinutes(6));
        gauges.record("run-2", 22.0);

        clock.now = T0.plus(Duration.ofMinutes(10)).plusSeconds(1);
        gauges.sweep();

        assertThat(gauge("run-1")).isNull();
        assertThat(gauge("run-2").value()).isEqualTo(22.0);
        gauges.record("run-1", 30.0);
        assertThat(gauge("run-1").value()).isEqualTo(30.0);
    }

    @Test
    void anEndedRunIsForgottenAfterTheIdleTimeout() {
        gauges.on(new RunCompletedEvent("run-1", T0, null));

        clock.now = T0.plus(Duration.ofMinutes(11));
        gauges.sweep();
        gauges.record("run-1", 30.0);

        assertThat(gauge("run-1").value()).isEqualTo(30.0);
    }

    private Gauge gauge(String runId) {
        return registry.find(TemperatureGauges.NAME).tag("runId", runId).gauge();
    }

    private static final class MutableClock extends Clock {
        Instant now;
        /** Runs once, at the next reading of the clock, then is cleared. */
        Runnable beforeNextInstant;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Runnable hook = beforeNextInstant;
            if (hook != null) {
                beforeNextInstant = null;
                hook.run();
            }
            return now;
        }
    }
}
