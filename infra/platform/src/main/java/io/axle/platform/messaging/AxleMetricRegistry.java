package io.axle.platform.messaging;

import java.util.List;
import java.util.function.Function;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;

/**
 * Axon's metric registry with the same meters (timers, counters, capacity, and the latency of event processors),
 * whose gauges are {@link LatencyGauges} and {@link CapacityGauges}: registered once, not again with every message as
 * Axon 4.13's own monitors do. (With {@code axon.metrics.micrometer.dimensional=true} the query update emitter keeps
 * Axon's monitors.)
 */
class AxleMetricRegistry extends GlobalMetricRegistry {

    private static final Function<Message<?>, Iterable<Tag>> NO_TAGS = message -> Tags.empty();

    AxleMetricRegistry(MeterRegistry registry) {
        super(registry);
    }

    @Override
    public MessageMonitor<? extends Message<?>> registerComponent(Class<?> componentType, String componentName) {
        return QueryUpdateEmitter.class.isAssignableFrom(componentType)
                ? handlerMonitors(componentName, NO_TAGS) : super.registerComponent(componentType, componentName);
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String processorName) {
        return registerEventProcessor(processorName, NO_TAGS, NO_TAGS);
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
            String processorName, Function<Message<?>, Iterable<Tag>> tags,
            Function<Message<?>, Iterable<Tag>> latencyTags) {
        MeterRegistry registry = getRegistry();
        return new MultiMessageMonitor<EventMessage<?>>(List.of(
                MessageTimerMonitor.buildMonitor(processorName, registry, tags),
                new LatencyGauges(processorName, registry, latencyTags, Clock.SYSTEM),
                new CapacityGauges(processorName, registry, tags, Clock.SYSTEM),
                MessageCountingMonitor.buildMonitor(processorName, registry, tags)));
    }

    @Override
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String name) {
        return handlerMonitors(name, NO_TAGS);
    }

    @Override
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String name,
                                                                         Function<Message<?>, Iterable<Tag>> tags) {
        return handlerMonitors(name, tags);
    }

    @Override
    public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(String name) {
        return handlerMonitors(name, NO_TAGS);
    }

    @Override
    public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(String name,
                                                                       Function<Message<?>, Iterable<Tag>> tags) {
        return handlerMonitors(name, tags);
    }

    /** The meters of a component that handles messages: a timer, its capacity and counters. */
    private MessageMonitor<Message<?>> handlerMonitors(String name, Function<Message<?>, Iterable<Tag>> tags) {
        MeterRegistry registry = getRegistry();
        return new MultiMessageMonitor<Message<?>>(List.of(
                MessageTimerMonitor.buildMonitor(name, registry, tags),
                new CapacityGauges(name, registry, tags, Clock.SYSTEM),
                MessageCountingMonitor.buildMonitor(name, registry, tags)));
    }
}
