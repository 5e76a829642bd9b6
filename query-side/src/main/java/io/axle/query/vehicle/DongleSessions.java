package io.axle.query.vehicle;

import com.hazelcast.core.HazelcastInstance;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which dongles are online: those holding a session in the device gateway's cluster-wide session map (Hazelcast
 * {@code axle-device-sessions}, keyed by the device's MQTT client id, which for a dongle is its dongle id). Only the
 * keys are read, so the query side needs none of the gateway's classes. Without Hazelcast nobody is online.
 */
@Component
public class DongleSessions {

    /** The gateway's map of device sessions ({@code DeviceSessions.MAP} on the device gateway). */
    static final String MAP = "axle-device-sessions";

    private final Map<String, ?> sessions;

    @Autowired
    public DongleSessions(ObjectProvider<HazelcastInstance> hazelcast,
                          @Value("${axle.vehicles.sessions-map:" + MAP + "}") String map) {
        this(sessions(hazelcast.getIfAvailable(), map));
    }

    /** Reading {@code sessions}, a map keyed by device id. */
    public DongleSessions(Map<String, ?> sessions) {
        this.sessions = sessions;
    }

    private static Map<String, ?> sessions(HazelcastInstance hazelcast, String map) {
        return hazelcast == null ? Map.of() : hazelcast.getMap(map);
    }

    /** Whether dongle {@code dongleId} holds a session now; a vehicle without dongle is never online. */
    public boolean online(String dongleId) {
        return dongleId != null && sessions.containsKey(dongleId);
    }

    /** The ids of every device holding a session now. */
    public Set<String> online() {
        return Set.copyOf(sessions.keySet());
    }
}
