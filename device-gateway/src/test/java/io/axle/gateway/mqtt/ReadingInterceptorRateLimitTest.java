package io.axle.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.axle.api.sensor.SensorReading;
import io.axle.gateway.ingest.ReadingIngestion;
import io.axle.gateway.ingest.ReadingRules;
import io.axle.gateway.registry.RunState;
import io.axle.platform.ratelimit.RateLimiter;
import io.axle.platform.ratelimit.TokenBucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The platform's per-client rate limit on readings published over the in-process broker, with a tiny allowance (burst
 * 3, 60 a minute): each MQTT client id has its own budget, and a reading past it is refused with QUOTA_EXCEEDED (MQTT 5)
 * or dropped with its PUBACK (MQTT 3), counted under rule {@code rate-limit} and never stored.
 */
class ReadingInterceptorRateLimitTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<SensorReading> stored = new CopyOnWriteArrayList<>();
    private final ReadingIngestion ingestion = new ReadingIngestion(
            new ReadingRules(runId -> RunState.RUNNING, Clock.systemUTC()),
            (reading, headers) -> {
                stored.add(reading);
                return CompletableFuture.completedFuture(null);
            },
            new ObjectMapper(), meters);
    private final List<String> asked = new CopyOnWriteArrayList<>();

    /**
     * The platform's token-bucket arithmetic, in one process instead of a Hazelcast map, with time standing still: no
     * token comes back during a test, however slowly the machine runs it.
     */
    private RateLimiter tinyLimiter() {
        long now = 1_000_000L;
        TokenBucket bucket = new TokenBucket(3, 60);
        Map<String, long[]> states = new HashMap<>();
        return client -> {
            asked.add(client);
            synchronized (states) {
                TokenBucket.Attempt attempt = bucket.take(states.get(client), now);
                states.put(client, attempt.state());
                return new RateLimiter.Decision(attempt.allowed(), attempt.remaining(), attempt.retryAfterMillis());
            }
        };
    }

    private static PublishInboundInput publish(String clientId, MqttVersion version, String sensorId) {
        PublishInboundInput input = mock(PublishInboundInput.class, RETURNS_DEEP_STUBS);
        when(input.getPublishPacket().getTopic()).thenReturn(SensorTopic.of("run-1", sensorId));
        when(input.getPublishPacket().getPayload()).thenReturn(Optional.of(ByteBuffer.wrap(
                "{\"temperature\":20}".getBytes(StandardCharsets.UTF_8))));
        when(input.getClientInformation().getClientId()).thenReturn(clientId);
        when(input.getConnectionInformation().getMqttVersion()).thenReturn(version);
        when(input.getConnectionInformation().getConnectionAttributeStore().getAsString(ConnectionAttributes.SOURCE))
                .thenReturn(Optional.of("apikey:shared"));
        return input;
    }

    private static PublishInboundOutput output() {
        return mock(PublishInboundOutput.class, RETURNS_DEEP_STUBS);
    }

    private double refusedByRateLimit() {
        Counter counter = meters.find("sensor_data_rejected").tags("transport", "mqtt", "rule", "rate-limit").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void pastItsBurstAClientIsRefusedWithQuotaExceededWhileAnotherClientIsStillAccepted() {
        ReadingInterceptor interceptor = new ReadingInterceptor(ingestion, Duration.ofSeconds(1), tinyLimiter());

        for (int i = 1; i <= 3; i++) {
            PublishInboundOutput accepted = output();
            interceptor.onInboundPublish(publish("sensor-a", MqttVersion.V_5, "a"), accepted);
            verify(accepted, never()).preventPublishDelivery(any(AckReasonCode.class), anyString());
        }
        PublishInboundOutput fourth = output();
        interceptor.onInboundPublish(publish("sensor-a", MqttVersion.V_5, "a"), fourth);
        PublishInboundOutput other = output();
        interceptor.onInboundPublish(publish("sensor-b", MqttVersion.V_5, "b"), other);

        verify(fourth).preventPublishDelivery(eq(AckReasonCode.QUOTA_EXCEEDED),
                startsWith("clientId: rate-limit - Too many readings from this client; retry in "));
        verify(other, never()).preventPublishDelivery(any(AckReasonCode.class), anyString());
        assertThat(stored).extracting(SensorReading::sensorId).containsExactly("a", "a", "a", "b");
        assertThat(refusedByRateLimit()).isEqualTo(1);
        assertThat(asked).as("keyed by client id, not by the API key both share")
                .containsExactly("mqtt:sensor-a", "mqtt:sensor-a", "mqtt:sensor-a", "mqtt:sensor-a", "mqtt:sensor-b");
    }

    @Test
    void anMqtt3ClientPastItsLimitGetsItsPubackButTheReadingIsDropped() {
        ReadingInterceptor interceptor = new ReadingInterceptor(ingestion, Duration.ofSeconds(1), tinyLimiter());
        for (int i = 1; i <= 3; i++) {
            interceptor.onInboundPublish(publish("sensor-3", MqttVersion.V_3_1_1, "s"), output());
        }

        PublishInboundOutput fourth = output();
        interceptor.onInboundPublish(publish("sensor-3", MqttVersion.V_3_1_1, "s"), fourth);

        verify(fourth).preventPublishDelivery(AckReasonCode.SUCCESS);
        assertThat(stored).hasSize(3);
        assertThat(refusedByRateLimit()).isEqualTo(1);
    }

    @Test
    void withoutALimiterNothingIsRefused() {
        ReadingInterceptor interceptor = new ReadingInterceptor(ingestion, Duration.ofSeconds(1), null);

        for (int i = 1; i <= 5; i++) {
            PublishInboundOutput accepted = output();
            interceptor.onInboundPublish(publish("sensor-a", MqttVersion.V_5, "a"), accepted);
            verify(accepted, never()).preventPublishDelivery(any(AckReasonCode.class), anyString());
        }

        assertThat(stored).hasSize(5);
        assertThat(refusedByRateLimit()).isZero();
    }
}
