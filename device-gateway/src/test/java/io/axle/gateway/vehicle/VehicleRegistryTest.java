package io.axle.gateway.vehicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.axle.api.vehicle.DonglePairedEvent;
import io.axle.api.vehicle.DongleUnpairedEvent;
import io.axle.api.vehicle.VehicleRegisteredEvent;
import io.axle.gateway.GatewayTestSupport;
import io.axle.gateway.session.DeviceSessions;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The dongle pairings kept by the registry's processor in Hazelcast, and the event store settling a miss. */
class VehicleRegistryTest extends GatewayTestSupport {

    @Autowired
    private VehicleRegistry registry;
    @Autowired
    private HazelcastInstance hazelcast;
    @Autowired
    private DeviceSessions sessions;

    private IMap<String, VehiclePairing> pairings() {
        return hazelcast.getMap(VehicleRegistry.PAIRINGS);
    }

    /** Appends the events to the vehicle's own stream, as the Vehicle aggregate does. */
    static void append(org.axonframework.eventsourcing.eventstore.EventStore eventStore, String vehicleId,
                       long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("Vehicle", vehicleId, sequence, event));
    }

    static VehicleRegisteredEvent registered(String vehicleId) {
        return new VehicleRegisteredEvent(vehicleId, "VF1AB000123456789", null, "FR", "Renault", "Clio", 2020,
                "Renault", "FR", 2020, null, List.of(), "tester");
    }

    @Test
    void theProcessorFollowsRegistrationPairingAndUnpairing() {
        String vehicleId = UUID.randomUUID().toString();
        String dongleId = "dongle-" + UUID.randomUUID();
        append(eventStore, vehicleId, 0, registered(vehicleId));
        await().atMost(Duration.ofSeconds(15)).until(() -> pairings().get(vehicleId) != null);
        assertThat(registry.pairingOf(vehicleId)).contains(new VehiclePairing(vehicleId, null));

        append(eventStore, vehicleId, 1, new DonglePairedEvent(vehicleId, dongleId, "key-1", "tester", Instant.now()));
        await().atMost(Duration.ofSeconds(15)).until(() -> registry.pairingOf(vehicleId).get().pairedWith(dongleId));
        assertThat(registry.vehicleOf(dongleId)).contains(vehicleId);

        hazelcast.<String, Instant>getMap(DeviceSessions.VEHICLES_ONLINE).set(vehicleId, Instant.now());
        append(eventStore, vehicleId, 2, new DongleUnpairedEvent(vehicleId, dongleId, "key-1", "tester",
                Instant.now()));
        await().atMost(Duration.ofSeconds(15)).until(() -> registry.pairingOf(vehicleId).get().dongleId() == null);
        assertThat(registry.vehicleOf(dongleId)).isEmpty();
        assertThat(sessions.vehicleOnlineSince(vehicleId)).as("an unpaired vehicle is offline").isNull();
    }

    @Test
    void aMissIsSettledByTheEventStoreAndCached() {
        String vehicleId = UUID.randomUUID().toString();
        append(eventStore, vehicleId, 0, registered(vehicleId));
        append(eventStore, vehicleId, 1, new DonglePairedEvent(vehicleId, "d-1", "k-1", "tester", Instant.now()));
        append(eventStore, vehicleId, 2, new DongleUnpairedEvent(vehicleId, "d-1", "k-1", "tester", Instant.now()));
        append(eventStore, vehicleId, 3, new DonglePairedEvent(vehicleId, "d-2", "k-2", "tester", Instant.now()));
        await().atMost(Duration.ofSeconds(15)).until(() -> registry.vehicleOf("d-2").isPresent());
        pairings().delete(vehicleId);
        hazelcast.getMap(VehicleRegistry.DONGLES).delete("d-2");

        assertThat(registry.pairingOf(vehicleId)).contains(new VehiclePairing(vehicleId, "d-2"));
        assertThat(pairings().get(vehicleId)).isEqualTo(new VehiclePairing(vehicleId, "d-2"));
        assertThat(registry.vehicleOf("d-2")).contains(vehicleId);
    }

    @Test
    void aVehicleTheEventStoreDoesNotKnowIsUnknown() {
        assertThat(registry.pairingOf("no-such-vehicle-" + UUID.randomUUID())).isEqualTo(Optional.empty());
    }
}
