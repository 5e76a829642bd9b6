package io.axle.gateway.mqtt;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.axle.api.common.Refusal;
import io.axle.gateway.flash.FlashStatusIngestion;
import io.axle.gateway.flash.FlashStatusTopic;
import io.axle.gateway.ingest.ReadingRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a dongle's flash answers on {@value FlashStatusTopic#FILTER} to the FlashJob before the broker acknowledges
 * them: the PUBACK waits until the {@code RecordFlashStatusCommand} completed. Only the dongle of the topic may answer
 * (its device key's device, else NOT_AUTHORIZED). A malformed answer or one the FlashJob refuses is dropped and counted;
 * an MQTT 5 dongle reads the field and rule in the PUBACK's reason string, an MQTT 3 one gets its PUBACK. When the
 * command could not be sent (no command bus, timeout) the PUBACK is an error, so that the dongle publishes again.
 */
class FlashStatusInterceptor implements PublishInboundInterceptor {

    static final String OTHER_DONGLE = "other-dongle";
    private static final Logger log = LoggerFactory.getLogger(FlashStatusInterceptor.class);

    private final FlashStatusIngestion ingestion;
    private final Duration timeout;

    FlashStatusInterceptor(FlashStatusIngestion ingestion, Duration timeout) {
        this.ingestion = ingestion;
        this.timeout = timeout;
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        Optional<FlashStatusTopic> topic = FlashStatusTopic.parse(input.getPublishPacket().getTopic());
        if (topic.isEmpty()) {
            return;
        }
        String clientId = input.getClientInformation().getClientId();
        boolean mqtt5 = input.getConnectionInformation().getMqttVersion() == MqttVersion.V_5;
        ConnectionAttributeStore attributes = input.getConnectionInformation().getConnectionAttributeStore();
        String deviceId = attributes.getAsString(ConnectionAttributes.DEVICE_ID).orElse(null);
        if (!topic.get().dongleId().equals(deviceId)) {
            ingestion.countRefused(ReadingInterceptor.TRANSPORT, OTHER_DONGLE);
            log.info("Refused flash status from MQTT client {} on {}: rule {} (its key is bound to {})", clientId,
                    topic.get(), OTHER_DONGLE, deviceId);
            refuse(output, mqtt5, AckReasonCode.NOT_AUTHORIZED,
                    "dongleId: " + OTHER_DONGLE + " - only dongle " + topic.get().dongleId() + " answers on this topic");
            return;
        }
        byte[] payload = input.getPublishPacket().getPayload().map(ConnectionAttributes::bytes).orElse(new byte[0]);
        FlashStatusIngestion.Sender sender = new FlashStatusIngestion.Sender(ReadingInterceptor.TRANSPORT,
                attributes.getAsString(ConnectionAttributes.SOURCE).orElse("mqtt:" + clientId), "mqtt:" + clientId);
        CompletableFuture<Optional<Refusal>> recorded;
        try {
            recorded = ingestion.record(deviceId, payload, sender);
        } catch (ReadingRefusedException refused) {
            log.info("Refused flash status from MQTT client {} on {}: rule {} on field {} ({})", clientId, topic.get(),
                    refused.rule(), refused.field(), refused.getMessage());
            refuse(output, mqtt5, ReadingInterceptor.reasonCode(refused), ReadingInterceptor.reasonString(refused));
            return;
        } catch (RuntimeException e) {
            log.warn("Flash status from MQTT client {} on {} could not be sent", clientId, topic.get(), e);
            output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "The flash status could not be recorded; "
                    + "publish it again");
            return;
        }
        Async<PublishInboundOutput> async = output.async(timeout, TimeoutFallback.FAILURE,
                AckReasonCode.UNSPECIFIED_ERROR, "The flash status was not recorded in time; publish it again");
        recorded.whenComplete((refusal, failure) -> {
            try {
                if (failure != null) {
                    log.warn("Flash status from MQTT client {} on {} not recorded: {}", clientId, topic.get(),
                            failure.getMessage());
                    output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR,
                            "The flash status was not recorded; publish it again");
                } else if (refusal.isPresent()) {
                    log.info("Flash status from MQTT client {} on {} refused by the flash job: rule {} on field {} "
                            + "({})", clientId, topic.get(), refusal.get().rule(), refusal.get().field(),
                            refusal.get().detail());
                    refuse(output, mqtt5, reasonCode(refusal.get()), reasonString(refusal.get()));
                }
            } catch (RuntimeException e) {
                log.debug("Flash status of {} already answered", clientId, e);
            } finally {
                async.resume();
            }
        });
    }

    /** Drops the answer: MQTT 5 reads why in the PUBACK, MQTT 3 (no reason in its PUBACK) gets a plain one. */
    private static void refuse(PublishInboundOutput output, boolean mqtt5, AckReasonCode code, String reason) {
        if (mqtt5) {
            output.preventPublishDelivery(code, reason);
        } else {
            output.preventPublishDelivery(AckReasonCode.SUCCESS);
        }
    }

    static AckReasonCode reasonCode(Refusal refusal) {
        return refusal.status() == 403 ? AckReasonCode.NOT_AUTHORIZED : AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
    }

    /** {@code <field>: <rule> - <detail>}, as for readings. */
    static String reasonString(Refusal refusal) {
        return (refusal.field() == null ? "payload" : refusal.field()) + ": " + refusal.rule() + " - "
                + refusal.detail();
    }
}
