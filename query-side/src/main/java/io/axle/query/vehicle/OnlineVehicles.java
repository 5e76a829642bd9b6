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
 * Which vehicles are online: those whose paired dongle holds a session on the device gateway, as the gateway records
 * them in the cluster-wide Hazelcast map {@code axle-vehicles-online} (vehicle id to when the dongle's connection
 * opened; an entry goes with the session or the pairing). Only the keys are read, so the query side needs none of the
 * gateway's classes. Without Hazelcast no vehicle is online. Changes are told to {@link #onChange} listeners, so that
 * watched vehicles show them live.
 */
@Component
public class OnlineVehicles {

    /** The gateway's map of online vehicles ({@code DeviceSessions.VEHICLES_ONLINE} on the device gateway). */
    static final String MAP = "axle-vehicles-online";

    private final Map<String, ?> sessions;

    @Autowired
    public OnlineVehicles(ObjectProvider<HazelcastInstance> hazelcast,
                          @Value("${axle.vehicles.online-map:" + MAP + "}") String map) {
        this(sessions(hazelcast.getIfAvailable(), map));
    }

    /** Reading {@code sessions}, a map keyed by vehicle id (a Hazelcast map tells of its changes too). */
    public OnlineVehicles(Map<String, ?> sessions) {
        this.sessions = sessions;
    }

    private static Map<String, ?> sessions(HazelcastInstance hazelcast, String map) {
        return hazelcast == null ? Map.of() : hazelcast.getMap(map);
    }

    /**
     * Calls {@code changed} with the vehicle id each time a vehicle comes online or goes offline, on Hazelcast's event
     * thread (keep it short); a map that is not Hazelcast's tells nothing.
     */
    void onChange(Consumer<String> changed) {
        if (sessions instanceof IMap<?, ?> map) {
            map.addEntryListener(new SessionChanges(changed), false);
        }
    }

    /** Forwards the key of every added, removed, evicted or expired entry. */
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

    /** Whether the vehicle's dongle holds a session now. */
    public boolean online(String vehicleId) {
        return vehicleId != null && sessions.containsKey(vehicleId);
    }

    /** The ids of every vehicle online now. */
    public Set<String> online() {
        return Set.copyOf(sessions.keySet());
    }
}
