package io.axle.gateway.session;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

/**
 * The cluster-wide list of connected devices, in the Hazelcast map {@value #MAP} keyed by MQTT client id. A
 * disconnect removes only the connection that ended, so a client that reconnected meanwhile (perhaps to another node)
 * keeps its entry; a node forgets its own entries when it stops and, after a crash, when it starts again.
 * <p>
 * A session of a paired dongle also marks its vehicle online in the map {@value #VEHICLES_ONLINE}: vehicle id to the
 * {@link Instant} the dongle's connection opened, only JDK types, so that any cluster member reads it without the
 * gateway's classes. The entry goes with the session, and when the dongle is unpaired.
 */
public class DeviceSessions {

    public static final String MAP = "axle-device-sessions";
    public static final String VEHICLES_ONLINE = "axle-vehicles-online";

    private final IMap<String, DeviceSession> sessions;
    private final IMap<String, Instant> vehiclesOnline;
    private final String node;

    public DeviceSessions(HazelcastInstance hazelcast, String node) {
        this.sessions = hazelcast.getMap(MAP);
        this.vehiclesOnline = hazelcast.getMap(VEHICLES_ONLINE);
        this.node = node;
        forgetThisNode();
    }

    /** The name this node records its sessions under. */
    public String node() {
        return node;
    }

    public void connected(DeviceSession session) {
        sessions.set(session.clientId(), session);
        if (session.vehicleId() != null) {
            vehiclesOnline.set(session.vehicleId(), session.connectedAt());
        }
    }

    /**
     * Records that the connection speaks for the vehicle (its dongle's first accepted frame, when the pairing was not
     * known at connect time); nothing when that connection has ended meanwhile.
     */
    public void speaksFor(String clientId, String connectionId, String vehicleId) {
        DeviceSession current = sessions.get(clientId);
        if (current == null || !current.connectionId().equals(connectionId)) {
            return;
        }
        if (!vehicleId.equals(current.vehicleId())) {
            sessions.replace(clientId, current, current.forVehicle(vehicleId));
        }
        vehiclesOnline.set(vehicleId, current.connectedAt());
    }

    public void disconnected(String clientId, String connectionId) {
        DeviceSession current = sessions.get(clientId);
        if (current != null && current.connectionId().equals(connectionId)) {
            forget(clientId, current);
        }
    }

    /** The vehicle's dongle was unpaired: the vehicle is no longer online, whatever that dongle's connection does. */
    public void vehicleUnpaired(String vehicleId) {
        vehiclesOnline.delete(vehicleId);
    }

    /** When the connection of the vehicle's dongle opened, or {@code null} while the vehicle is offline. */
    public Instant vehicleOnlineSince(String vehicleId) {
        return vehiclesOnline.get(vehicleId);
    }

    /** Every connected device, oldest connection first. */
    public List<DeviceSession> all() {
        return sessions.values().stream()
                .sorted(Comparator.comparing(DeviceSession::connectedAt).thenComparing(DeviceSession::clientId))
                .toList();
    }

    public DeviceSession find(String clientId) {
        return sessions.get(clientId);
    }

    /** Removes the entries this node wrote: on a clean stop, and at start for those a crash left behind. */
    public void forgetThisNode() {
        for (Map.Entry<String, DeviceSession> entry : sessions.entrySet()) {
            if (node.equals(entry.getValue().node())) {
                forget(entry.getKey(), entry.getValue());
            }
        }
    }

    private void forget(String clientId, DeviceSession session) {
        if (sessions.remove(clientId, session) && session.vehicleId() != null) {
            // only this connection's mark: the dongle may already be back on another connection
            vehiclesOnline.remove(session.vehicleId(), session.connectedAt());
        }
    }
}
