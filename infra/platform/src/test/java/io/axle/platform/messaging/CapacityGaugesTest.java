package io.axle.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

class CapacityGaugesTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CapacityGauges gauges = new CapacityGauges("commandBus", registry, message -> Tags.empty(), clock);

    @Test
    void registersTheGaugeOnceAndShowsTheShareOfTheWindowSpentHandling() {
        MessageMonitor.MonitorCallback first = gauges.onMessageIngested(GenericCommandMessage.asCommandMessage("a"));
        MessageMonitor.MonitorCallback second = gauges.onMessageIngested(GenericCommandMessage.asCommandMessage("b"));
        clock.add(2, TimeUnit.SECONDS);
        first.reportSuccess();
        second.reportFailure(new IllegalStateException("refused"));

        assertThat(registry.find("commandBus.capacity").gauges()).hasSize(1);
        assertThat(registry.get("commandBus.capacity").gauge().value()).isEqualTo(0.4);
    }
}
