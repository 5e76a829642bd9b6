package io.axle.gateway.session;

import java.io.Serializable;
import java.time.Instant;

/**
 * One device connection to a gateway node's MQTT broker: the MQTT client id, who it authenticated as ({@code source}:
 * {@code apikey:<name>} or {@code simulator}), the node, when it connected, from where, and which MQTT version it
 * speaks. {@code connectionId} tells one connection from the next of the same client. {@code deviceId} is the device
 * (sensor or dongle) its key is bound to, and {@code vehicleId} the vehicle that dongle is paired with, once known;
 * both are null otherwise.
 */
public record DeviceSession(String clientId, String source, String node, Instant connectedAt, String address,
                            String protocol, String connectionId, String deviceId, String vehicleId)
        implements Serializable {

    /** This session, speaking for the vehicle. */
    public DeviceSession forVehicle(String vehicle) {
        return new DeviceSession(clientId, source, node, connectedAt, address, protocol, connectionId, deviceId,
                vehicle);
    }
}
