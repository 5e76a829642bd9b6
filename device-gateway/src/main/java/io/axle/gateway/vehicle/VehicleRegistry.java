package io.axle.gateway.vehicle;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.axle.api.vehicle.DonglePairedEvent;
import io.axle.api.vehicle.DongleUnpairedEvent;
import io.axle.api.vehicle.VehicleRegisteredEvent;
import io.axle.gateway.registry.RecentlyUnknown;
import io.axle.gateway.session.DeviceSessions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The dongle pairings every gateway node checks frames against, in the Hazelcast maps {@value #PAIRINGS} (vehicle id to
 * its pairing) and {@value #DONGLES} (dongle id to vehicle id). A tracking processor ({@value #PROCESSING_GROUP}, which
 * like every processor never skips an event) keeps them from the Vehicle's events. A vehicle the map does not know (a
 * new node, a restarted single node whose Hazelcast was empty, a processor behind) is settled by reading the vehicle's
 * own events from the event store, and the answer is cached; an id the event store does not know either is remembered
 * by this node for {@link #UNKNOWN_RETENTION}, so that a dongle sending for a wrong vehicle id does not read the event
 * store with every frame. The map is asked first, so a vehicle registered meanwhile is accepted as soon as the
 * processor recorded it.
 */
@Component
@ProcessingGroup(VehicleRegistry.PROCESSING_GROUP)
public class VehicleRegistry implements DonglePairings {

    public static final String PAIRINGS = "axle-vehicle-pairings";
    public static final String DONGLES = "axle-dongle-vehicles";
    public static final String PROCESSING_GROUP = "vehicle-registry";

    /** How long this node remembers that the event store knew no vehicle of an id. */
    static final Duration UNKNOWN_RETENTION = Duration.ofSeconds(5);
    /** Above this many remembered unknown ids, the expired ones are dropped (all of them if none expired). */
    static final int UNKNOWN_LIMIT = 10_000;

    private final IMap<String, VehiclePairing> pairings;
    private final IMap<String, String> dongles;
    private final EventStore eventStore;
    private final DeviceSessions sessions;
    private final RecentlyUnknown unknown;

    @Autowired
    public VehicleRegistry(HazelcastInstance hazelcast, EventStore eventStore, DeviceSessions sessions) {
        this(hazelcast, eventStore, sessions, Clock.systemUTC());
    }

    VehicleRegistry(HazelcastInstance hazelcast, EventStore eventStore, DeviceSessions sessions, Clock clock) {
        this.pairings = hazelcast.getMap(PAIRINGS);
        this.dongles = hazelcast.getMap(DONGLES);
        this.eventStore = eventStore;
        this.sessions = sessions;
        this.unknown = new RecentlyUnknown(UNKNOWN_RETENTION, UNKNOWN_LIMIT, clock);
    }

    @EventHandler
    void on(VehicleRegisteredEvent event) {
        // putIfAbsent: a pairing already settled from the event store is never undone
        pairings.putIfAbsent(event.vehicleId(), new VehiclePairing(event.vehicleId(), null));
    }

    @EventHandler
    void on(DonglePairedEvent event) {
        pairings.set(event.vehicleId(), new VehiclePairing(event.vehicleId(), event.dongleId()));
        dongles.set(event.dongleId(), event.vehicleId());
    }

    @EventHandler
    void on(DongleUnpairedEvent event) {
        pairings.set(event.vehicleId(), new VehiclePairing(event.vehicleId(), null));
        dongles.remove(event.dongleId(), event.vehicleId());
        sessions.vehicleUnpaired(event.vehicleId());
    }

    @Override
    public Optional<VehiclePairing> pairingOf(String vehicleId) {
        VehiclePairing known = pairings.get(vehicleId);
        if (known != null) {
            return Optional.of(known);
        }
        if (unknown.contains(vehicleId)) {
            return Optional.empty();
        }
        VehiclePairing stored = fromEventStore(vehicleId);
        if (stored == null) {
            unknown.remember(vehicleId);
            return Optional.empty();
        }
        unknown.forget(vehicleId);
        // putIfAbsent: the processor's own answer, written meanwhile, is never overwritten by this read
        VehiclePairing raced = pairings.putIfAbsent(vehicleId, stored);
        VehiclePairing answer = raced != null ? raced : stored;
        if (answer.dongleId() != null) {
            dongles.putIfAbsent(answer.dongleId(), vehicleId);
        }
        return Optional.of(answer);
    }

    @Override
    public Optional<String> vehicleOf(String dongleId) {
        return Optional.ofNullable(dongles.get(dongleId));
    }

    /** The vehicle's pairing folded from its events, or {@code null} when the store holds no registration of it. */
    VehiclePairing fromEventStore(String vehicleId) {
        VehiclePairing pairing = null;
        DomainEventStream events = eventStore.readEvents(vehicleId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            // only the three events that matter are deserialised
            Class<?> type = event.getPayloadType();
            if (VehicleRegisteredEvent.class.equals(type)) {
                pairing = new VehiclePairing(vehicleId, null);
            } else if (pairing != null && DonglePairedEvent.class.equals(type)) {
                pairing = new VehiclePairing(vehicleId, ((DonglePairedEvent) event.getPayload()).dongleId());
            } else if (pairing != null && DongleUnpairedEvent.class.equals(type)) {
                pairing = new VehiclePairing(vehicleId, null);
            }
        }
        return pairing;
    }
}
