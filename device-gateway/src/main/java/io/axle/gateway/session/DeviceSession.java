package io.axle.gateway.session;

import java.io.Serializable;
import java.time.Instant;

/**
 * One device connection to a gateway node's MQTT broker: the MQTT client id, who it authenticated as ({@code source}:
 * {@code apikey:<name>} or {@code simulator}), the node, when it connected, from where, and which MQTT version it
 * speaks. {@code connectionId} tells one connection from the next of the same client.
 */
public record DeviceSession(String clientId, String source, String node, Instant connectedAt, String address,
                            String protocol, String connectionId) implements Serializable {
}
