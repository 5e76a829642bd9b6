package io.axle.gateway.mqtt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import org.slf4j.Logger;

/** Holds a PUBACK back until the stream acknowledged what the PUBLISH carried, for readings and frames alike. */
final class Pubacks {

    private Pubacks() {
    }

    /**
     * Answers the publish once {@code stored} completes: a normal PUBACK when it did, an error (MQTT 5) or a
     * disconnect (MQTT 3) asking for the publish again when it failed or {@code timeout} passed first.
     */
    static void afterStored(PublishInboundOutput output, CompletableFuture<?> stored, Duration timeout, String what,
                            Logger log, String clientId, Object topic) {
        Async<PublishInboundOutput> async = output.async(timeout, TimeoutFallback.FAILURE,
                AckReasonCode.UNSPECIFIED_ERROR, "The " + what + " was not stored in time; publish it again");
        stored.whenComplete((done, failure) -> {
            try {
                if (failure != null) {
                    log.warn("{} from MQTT client {} on {} not stored: {}", capitalised(what), clientId, topic,
                            failure.getMessage());
                    output.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR,
                            "The " + what + " was not stored; publish it again");
                }
            } catch (RuntimeException e) {
                log.debug("Publish of {} already answered", clientId, e);
            } finally {
                async.resume();
            }
        });
    }

    private static String capitalised(String what) {
        return Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }
}
