package io.axle.platform.messaging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

/**
 * An event processor's {@code <processor>.latency} gauge: how long ago (ms) the last event it took was published.
 * Measures what Axon's {@code EventProcessorLatencyMonitor} measures, but registers the gauge of each tag set once,
 * where that monitor registers it again for every event (which Micrometer reports as a gauge registered twice).
 */
final class LatencyGauges implements MessageMonitor<EventMessage<?>> {

    private final String name;
    private final MeterRegistry registry;
    private final Function<Message<?>, Iterable<Tag>> tags;
    private final Clock clock;
    private final ConcurrentMap<Tags, AtomicLong> latencies = new ConcurrentHashMap<>();

    LatencyGauges(String processorName, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tags,
                  Clock clock) {
        this.name = processorName + ".latency";
        this.registry = registry;
        this.tags = tags;
        this.clock = clock;
    }

    @Override
    public MonitorCallback onMessageIngested(EventMessage<?> message) {
        if (message != null) {
            latencies.computeIfAbsent(Tags.of(tags.apply(message)), tagged -> {
                AtomicLong latency = new AtomicLong();
                Gauge.builder(name, latency::get).tags(tagged).register(registry);
                return latency;
            }).set(clock.wallTime() - message.getTimestamp().toEpochMilli());
        }
        return NoOpMessageMonitorCallback.INSTANCE;
    }
}
