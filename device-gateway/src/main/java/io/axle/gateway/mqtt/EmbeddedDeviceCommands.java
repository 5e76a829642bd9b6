package io.axle.gateway.mqtt;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.Publish;
import io.axle.gateway.flash.DeviceCommands;

/**
 * Publishes device commands through the in-process broker's publish service: a dongle subscribed with a persistent
 * session gets them when it comes back. Returns once the broker queued the message for its subscribers.
 */
class EmbeddedDeviceCommands implements DeviceCommands {

    private final Duration timeout;

    EmbeddedDeviceCommands(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void publish(String topic, byte[] payload) {
        Publish publish = Builders.publish().topic(topic).qos(Qos.AT_LEAST_ONCE).payload(ByteBuffer.wrap(payload))
                .build();
        try {
            Services.publishService().publish(publish).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing on " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The MQTT broker did not take the command on " + topic, e);
        }
    }
}
