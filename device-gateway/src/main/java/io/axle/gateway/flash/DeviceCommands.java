package io.axle.gateway.flash;

/**
 * Publishes a command to a device at QoS 1, through the broker its dongles connect to. {@link #publish} returns once the
 * broker took the message and throws when it did not, so that the event being handled is retried (ADR 0013) rather
 * than a step silently lost.
 */
public interface DeviceCommands {

    /** Publishes {@code payload} on {@code topic} at QoS 1; throws when the broker did not take it. */
    void publish(String topic, byte[] payload);
}
