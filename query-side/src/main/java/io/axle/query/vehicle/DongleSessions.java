package io.axle.query.vehicle;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which dongles are online: those holding a session in the device gateway's cluster-wide session map (Hazelcast
 * {@code axle-device-sessions}, keyed by the device's MQTT client id, which for a dongle is its dongle id). Only the
 * keys are read, so the query side needs none of the gateway's classes. Without Hazelcast nobody is online.
 * Connections and disconnections are told to {@link #onChange} listeners, so that watched vehicles show them live.
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

    /** Reading {@code sessions}, a map keyed by device id (a Hazelcast map tells of its changes too). */
    public DongleSessions(Map<String, ?> sessions) {
        this.sessions = sessions;
    }

    private static Map<String, ?> sessions(HazelcastInstance hazelcast, String map) {
        return hazelcast == null ? Map.of() : hazelcast.getMap(map);
    }

    /**
     * Calls {@code changed} with the device id each time a device connects or its session ends, on Hazelcast's event
     * thread (keep it short); a map that is not Hazelcast's tells nothing.
     */
    void onChange(Consumer<String> changed) {
        if (sessions instanceof IMap<?, ?> map) {
            map.addEntryListener(new SessionChanges(changed), false);
        }
    }

    /** Forwards the key of every added, removed, evicted or expired session. */
    private record SessionChanges(Consumer<String> changed) implements EntryAddedListener<Object, Object>,
            EntryRemovedListener<Object, Object>, EntryEvictedListener<Object, Object>,
            EntryExpiredListener<Object, Object> {

        @Override
        public void entryAdded(EntryEvent<Object, Object> event) {
            changed.accept(String.valueOf(event.getKey()));
        }

        @Override
        public void entryRemoved(EntryEvent<Object, Object> event) {
            changed.accept(String.valueOf(event.getKey()));
        }

        @Override
        public void entryEvicted(EntryEvent<Object, Object> event) {
            changed.accept(String.valueOf(event.getKey()));
        }

        @Override
        public void entryExpired(EntryEvent<Object, Object> event) {
            changed.accept(String.valueOf(event.getKey()));
        }
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
