package io.axle.gateway.mqtt;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import io.axle.api.sensor.SensorReading;
import io.axle.gateway.ingest.ReadingIngestion;
import io.axle.gateway.ingest.ReadingRefusedException;
import io.axle.gateway.ingest.ReadingRules;
import io.axle.platform.ratelimit.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every PUBLISH on {@code axle/runs/+/sensors/+} and sends it to Kafka before the broker acknowledges it: the
 * PUBACK waits for Kafka's acknowledgement. A refused reading is dropped, logged with the client and the rule, and
 * counted; an MQTT 5 client learns why from the PUBACK reason code and string, while an MQTT 3 client (whose PUBACK
 * carries no reason) simply gets its PUBACK, because a disconnect would only make it send the same reading again. When
 * Kafka does not answer, MQTT 5 clients get an error PUBACK and MQTT 3 clients are disconnected, so that a persistent
 * session redelivers the reading.
 * <p>
 * Before any check, each client id (not its API key, so sensors sharing a key each have their own budget) takes one
 * request of the platform's cluster-wide rate limit, under {@code mqtt:<clientId>}; past it, the reading is refused
 * with rule {@value #RATE_LIMIT}: MQTT 5 clients get {@code QUOTA_EXCEEDED} and the wait, MQTT 3 clients their PUBACK.
 */
class ReadingInterceptor implements PublishInboundInterceptor {

    static final String TRANSPORT = "mqtt";
    static final String RATE_LIMIT = "rate-limit";
    static final String OTHER_DEVICE = "other-device";
    private static final Logger log = LoggerFactory.getLogger(ReadingInterceptor.class);

    private final ReadingIngestion ingestion;
    private final Duration timeout;
    private final RateLimiter limiter;

    /** {@code limiter} may be {@code null}: no rate limit (none configured, or {@code axle.rate-limit.enabled=false}). */
    ReadingInterceptor(ReadingIngestion ingestion, Duration sendTimeout, RateLimiter limiter) {
        this.ingestion = ingestion;
        this.limiter = limiter;
        // a little longer than the publisher's own limit, so that its answer normally comes first
        this.timeout = sendTimeout.plusSeconds(5);
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        PublishPacket packet = input.getPublishPacket();
        Optional<SensorTopic> topic = SensorTopic.parse(packet.getTopic());
        if (topic.isEmpty()) {
            return;
        }
        String clientId = input.getClientInformation().getClientId();
        boolean mqtt5 = input.getConnectionInformation().getMqttVersion() == MqttVersion.V_5;
        String source = input.getConnectionInformation().getConnectionAttributeStore()
                .getAsString(ConnectionAttributes.SOURCE).orElse("mqtt:" + clientId);
        byte[] payload = packet.getPayload().map(ConnectionAttributes::bytes).orElse(new byte[0]);
        ReadingIngestion.Origin origin = new ReadingIngestion.Origin(TRANSPORT, source, "mqtt:" + clientId, null, true);

        Optional<String> boundDevice = input.getConnectionInformation().getConnectionAttributeStore()
                .getAsString(ConnectionAttributes.DEVICE_ID);
        if (boundDevice.isPresent() && !boundDevice.get().equals(topic.get().sensorId())) {
            // interceptors run before the broker's topic permissions: a bound key's reading of another device stops here
            ingestion.countRefused(TRANSPORT, OTHER_DEVICE);
            log.info("Refused reading from MQTT client {} on {}: rule {} (its key is bound to device {})", clientId,
                    topic.get(), OTHER_DEVICE, boundDevice.get());
            output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED,
                    "sensorId: " + OTHER_DEVICE + " - This key sends the readings of device " + boundDevice.get()
                            + " only");
            return;
        }
        CompletableFuture<SensorReading> sent;
        try {
            if (limiter != null) {
                RateLimiter.Decision decision = limiter.tryAcquire("mqtt:" + clientId);
                if (!decision.allowed()) {
                    refuseOverLimit(clientId, topic.get(), mqtt5, decision, output);
                    return;
                }
            }
            sent = ingestion.ingest(payload, topic.get().fields(), origin);
        } catch (ReadingRefusedException refused) {
            log.info("Refused reading from MQTT client {} on {}: rule {} on field {} ({})", clientId, topic.get(),
                    refused.rule(), refused.field(), refused.getMessage());
            if (mqtt5) {
                output.preventPublishDelivery(reasonCode(refused), reasonString(refused));
            } else {
                output.preventPublishDelivery(AckReasonCode.SUCCESS);
            }
            return;
        } catch (RuntimeException e) {
            // not the reading's fault (e.g. the run lookup failed): the client must send it again
            log.warn("Reading from MQTT client {} on {} could not be checked", clientId, topic.get(), e);
            output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "The reading could not be checked; "
                    + "publish it again");
            return;
        }
        Pubacks.afterStored(output, sent, timeout, "reading", log, clientId, topic.get());
    }

    private void refuseOverLimit(String clientId, SensorTopic topic, boolean mqtt5, RateLimiter.Decision decision,
                                 PublishInboundOutput output) {
        ingestion.countRefused(TRANSPORT, RATE_LIMIT);
        log.info("Refused reading from MQTT client {} on {}: rule {} (retry after {} ms)", clientId, topic,
                RATE_LIMIT, decision.retryAfterMillis());
        answerOverLimit(output, mqtt5, decision, "readings");
    }

    /**
     * Answers a publish past its client's rate limit: QUOTA_EXCEEDED saying when to retry (MQTT 5), or a PUBACK that
     * drops it (MQTT 3, which has no way to refuse). {@code what} names the messages ("readings", "frames").
     */
    static void answerOverLimit(PublishInboundOutput output, boolean mqtt5, RateLimiter.Decision decision,
                                String what) {
        long seconds = Math.max(1, (decision.retryAfterMillis() + 999) / 1000);
        if (mqtt5) {
            output.preventPublishDelivery(AckReasonCode.QUOTA_EXCEEDED,
                    "clientId: " + RATE_LIMIT + " - Too many " + what + " from this client; retry in " + seconds
                            + " s");
        } else {
            output.preventPublishDelivery(AckReasonCode.SUCCESS);
        }
    }

    /** The reason string a refused MQTT 5 client reads: {@code <field>: <rule> - <detail>}. */
    static String reasonString(ReadingRefusedException refused) {
        String field = refused.field() == null ? "payload" : refused.field();
        return field + ": " + refused.rule() + " - " + refused.getMessage();
    }

    static AckReasonCode reasonCode(ReadingRefusedException refused) {
        String rule = refused.rule();
        if (ReadingRules.MALFORMED_JSON.equals(rule) || ReadingRules.INVALID_TYPE.equals(rule)) {
            return AckReasonCode.PAYLOAD_FORMAT_INVALID;
        }
        if (ReadingIngestion.TOPIC_MISMATCH.equals(rule)) {
            return AckReasonCode.TOPIC_NAME_INVALID;
        }
        return AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
    }
}
