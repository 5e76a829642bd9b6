package io.axle.gateway.mqtt;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import io.axle.api.vehicle.ObdFrame;
import io.axle.gateway.ingest.ReadingRefusedException;
import io.axle.gateway.session.DeviceSessions;
import io.axle.gateway.vehicle.FrameIngestion;
import io.axle.gateway.vehicle.FrameRefusalLog;
import io.axle.gateway.vehicle.ObdTopic;
import io.axle.platform.ratelimit.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every PUBLISH on {@value ObdTopic#FILTER} and sends the frame to Kafka before the broker acknowledges it, as
 * {@link ReadingInterceptor} does for readings: the PUBACK waits for Kafka; a refused frame is dropped, counted and
 * logged ({@link FrameRefusalLog}), MQTT 5 clients learn the field and rule from the PUBACK (NOT_AUTHORIZED for a
 * dongle publishing for another vehicle), MQTT 3 clients get their PUBACK. The first accepted frame of a dongle's
 * connection marks its vehicle online when the pairing was not known at connect time. Frames take from the same
 * per-client rate limit as readings.
 */
class VehicleFrameInterceptor implements PublishInboundInterceptor {

    private static final Logger log = LoggerFactory.getLogger(VehicleFrameInterceptor.class);

    private final FrameIngestion ingestion;
    private final DeviceSessions sessions;
    private final Duration timeout;
    private final RateLimiter limiter;
    private final FrameRefusalLog refusals = new FrameRefusalLog();

    /** {@code limiter} may be {@code null}: no rate limit. */
    VehicleFrameInterceptor(FrameIngestion ingestion, DeviceSessions sessions, Duration sendTimeout,
                            RateLimiter limiter) {
        this.ingestion = ingestion;
        this.sessions = sessions;
        this.limiter = limiter;
        this.timeout = sendTimeout.plusSeconds(5);
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        PublishPacket packet = input.getPublishPacket();
        Optional<ObdTopic> topic = ObdTopic.parse(packet.getTopic());
        if (topic.isEmpty()) {
            return;
        }
        String clientId = input.getClientInformation().getClientId();
        boolean mqtt5 = input.getConnectionInformation().getMqttVersion() == MqttVersion.V_5;
        ConnectionAttributeStore attributes = input.getConnectionInformation().getConnectionAttributeStore();
        String dongleId = attributes.getAsString(ConnectionAttributes.DEVICE_ID).orElse(null);
        FrameIngestion.Sender sender = new FrameIngestion.Sender(ReadingInterceptor.TRANSPORT,
                attributes.getAsString(ConnectionAttributes.SOURCE).orElse("mqtt:" + clientId), "mqtt:" + clientId,
                null, dongleId);
        byte[] payload = packet.getPayload().map(ConnectionAttributes::bytes).orElse(new byte[0]);
        CompletableFuture<ObdFrame> sent;
        try {
            RateLimiter.Decision decision = limiter == null ? null : limiter.tryAcquire("mqtt:" + clientId);
            if (decision != null && !decision.allowed()) {
                ingestion.countRefused(ReadingInterceptor.TRANSPORT, ReadingInterceptor.RATE_LIMIT);
                log.debug("Refused frame from MQTT client {} on {}: rule {}", clientId, topic.get(),
                        ReadingInterceptor.RATE_LIMIT);
                ReadingInterceptor.answerOverLimit(output, mqtt5, decision, "frames");
                return;
            }
            sent = ingestion.ingest(payload, topic.get().vehicleId(), sender);
        } catch (ReadingRefusedException refused) {
            refusals.refused("MQTT client " + clientId, topic.get(), refused);
            if (mqtt5) {
                output.preventPublishDelivery(refused.status() == 403 ? AckReasonCode.NOT_AUTHORIZED
                        : ReadingInterceptor.reasonCode(refused), ReadingInterceptor.reasonString(refused));
            } else {
                output.preventPublishDelivery(AckReasonCode.SUCCESS);
            }
            return;
        } catch (RuntimeException e) {
            log.warn("Frame from MQTT client {} on {} could not be checked", clientId, topic.get(), e);
            output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "The frame could not be checked; "
                    + "publish it again");
            return;
        }
        if (dongleId != null && !topic.get().vehicleId().equals(
                attributes.getAsString(ConnectionAttributes.VEHICLE_ID).orElse(null))) {
            // accepted from a dongle, hence paired: once per connection, its session names the vehicle
            attributes.putAsString(ConnectionAttributes.VEHICLE_ID, topic.get().vehicleId());
            markOnline(clientId, attributes.getAsString(ConnectionAttributes.CONNECTION_ID).orElse(null),
                    topic.get().vehicleId());
        }
        Pubacks.afterStored(output, sent, timeout, "frame", log, clientId, topic.get());
    }

    private void markOnline(String clientId, String connectionId, String vehicleId) {
        if (connectionId == null) {
            return;
        }
        try {
            sessions.speaksFor(clientId, connectionId, vehicleId);
        } catch (RuntimeException e) {
            log.warn("Could not mark vehicle {} online for MQTT client {}", vehicleId, clientId, e);
        }
    }
}
