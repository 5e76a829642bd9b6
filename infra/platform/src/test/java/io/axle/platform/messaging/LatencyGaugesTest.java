package io.axle.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

class LatencyGaugesTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LatencyGauges gauges = new LatencyGauges("orders", registry,
            message -> Tags.of("payloadType", message.getPayloadType().getSimpleName()), clock);

    private GenericEventMessage<String> publishedMsAgo(long ms) {
        return new GenericEventMessage<>("id-" + ms, "event", MetaData.emptyInstance(),
                Instant.ofEpochMilli(clock.wallTime() - ms));
    }

    @Test
    void registersTheGaugeOfATagSetOnceAndShowsTheLatestLatency() {
        clock.add(1, TimeUnit.HOURS);
        gauges.onMessageIngested(publishedMsAgo(250));
        gauges.onMessageIngested(publishedMsAgo(40));

        assertThat(registry.find("orders.latency").gauges()).hasSize(1);
        assertThat(registry.get("orders.latency").tag("payloadType", "String").gauge().value()).isEqualTo(40.0);
        assertThat(registry.getMeters()).hasSize(1);
    }
}
