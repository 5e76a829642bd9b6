package io.axle.gateway.session;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

/**
 * The cluster-wide list of connected devices, in the Hazelcast map {@value #MAP} keyed by MQTT client id. A
 * disconnect removes only the connection that ended, so a client that reconnected meanwhile (perhaps to another node)
 * keeps its entry; a node forgets its own entries when it stops and, after a crash, when it starts again.
 */
public class DeviceSessions {

    public static final String MAP = "axle-device-sessions";

    private final IMap<String, DeviceSession> sessions;
    private final String node;

    public DeviceSessions(HazelcastInstance hazelcast, String node) {
        this.sessions = hazelcast.getMap(MAP);
        this.node = node;
        forgetThisNode();
    }

    /** The name this node records its sessions under. */
    public String node() {
        return node;
    }

    public void connected(DeviceSession session) {
        sessions.set(session.clientId(), session);
    }

    public void disconnected(String clientId, String connectionId) {
        DeviceSession current = sessions.get(clientId);
        if (current != null && current.connectionId().equals(connectionId)) {
            sessions.remove(clientId, current);
        }
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
                sessions.remove(entry.getKey(), entry.getValue());
            }
        }
    }
}
