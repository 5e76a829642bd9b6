package io.axle.platform.messaging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.reservoir.SlidingTimeWindowReservoir;
import org.axonframework.monitoring.MessageMonitor;

/**
 * A component's {@code <name>.capacity} gauge: the share of the last ten seconds spent handling messages (1 = one
 * thread busy all the time). Measures what Axon's {@code CapacityMonitor} measures, but registers the gauge of each
 * tag set once, where that monitor registers it again for every message (which Micrometer reports as a gauge
 * registered twice).
 */
final class CapacityGauges implements MessageMonitor<Message<?>> {

    private static final long WINDOW_SECONDS = 10;

    private final String name;
    private final MeterRegistry registry;
    private final Function<Message<?>, Iterable<Tag>> tags;
    private final Clock clock;
    private final ConcurrentMap<Tags, SlidingTimeWindowReservoir> durations = new ConcurrentHashMap<>();

    CapacityGauges(String componentName, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tags,
                   Clock clock) {
        this.name = componentName + ".capacity";
        this.registry = registry;
        this.tags = tags;
        this.clock = clock;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        SlidingTimeWindowReservoir reservoir = durations.computeIfAbsent(Tags.of(tags.apply(message)), tagged -> {
            SlidingTimeWindowReservoir created = new SlidingTimeWindowReservoir(WINDOW_SECONDS, TimeUnit.SECONDS,
                    clock);
            Gauge.builder(name, () -> capacity(created)).tags(tagged).register(registry);
            return created;
        });
        long start = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                reservoir.update(clock.monotonicTime() - start);
            }

            @Override
            public void reportFailure(Throwable cause) {
                reservoir.update(clock.monotonicTime() - start);
            }

            @Override
            public void reportIgnored() {
                reservoir.update(clock.monotonicTime() - start);
            }
        };
    }

    private static double capacity(SlidingTimeWindowReservoir reservoir) {
        long busy = reservoir.getMeasurements().stream().mapToLong(Long::longValue).sum();
        return busy / (double) TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);
    }
}
