package io.axle.command.vehicle.facts;

import io.axle.api.vehicle.VehicleThresholdSetEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each vehicle's own alarm limits, for the watcher. A vehicle first seen is read from its event stream (its
 * {@link VehicleThresholdSetEvent}s); then the tracking processor {@value #PROCESSING_GROUP} keeps it current on the
 * node that runs it, and every node reads the stream again after {@link #TTL}, so another node's watcher follows a
 * change within that time.
 */
@Component
@ProcessingGroup(VehicleLimits.PROCESSING_GROUP)
public class VehicleLimits {

    public static final String PROCESSING_GROUP = "vehicle-facts-limits";
    static final Duration TTL = Duration.ofMinutes(5);

    private final EventStore eventStore;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    @Autowired
    public VehicleLimits(EventStore eventStore) {
        this(eventStore, Clock.systemUTC());
    }

    VehicleLimits(EventStore eventStore, Clock clock) {
        this.eventStore = eventStore;
        this.clock = clock;
    }

    /** The vehicle's own limits by rule (empty when it has none, or is unknown). */
    public Map<String, Double> of(String vehicleId) {
        Instant now = clock.instant();
        Known entry = known.get(vehicleId);
        if (entry == null || entry.until().isBefore(now)) {
            entry = new Known(read(vehicleId), now.plus(TTL));
            known.put(vehicleId, entry);
        }
        return entry.limits();
    }

    private Map<String, Double> read(String vehicleId) {
        Map<String, Double> limits = new HashMap<>();
        DomainEventStream events = eventStore.readEvents(vehicleId, 0);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getPayloadType() == VehicleThresholdSetEvent.class) {
                apply(limits, (VehicleThresholdSetEvent) event.getPayload());
            }
        }
        return Map.copyOf(limits);
    }

    @EventHandler
    void on(VehicleThresholdSetEvent event) {
        known.computeIfPresent(event.vehicleId(), (id, entry) -> {
            Map<String, Double> limits = new HashMap<>(entry.limits());
            apply(limits, event);
            return new Known(Map.copyOf(limits), entry.until());
        });
    }

    private static void apply(Map<String, Double> limits, VehicleThresholdSetEvent event) {
        if (event.limit() == null) {
            limits.remove(event.rule());
        } else {
            limits.put(event.rule(), event.limit());
        }
    }

    private record Known(Map<String, Double> limits, Instant until) {
    }
}
