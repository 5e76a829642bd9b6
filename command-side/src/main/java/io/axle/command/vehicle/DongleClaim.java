package io.axle.command.vehicle;

import io.axle.api.vehicle.DongleClaimedEvent;
import io.axle.api.vehicle.DongleReleasedEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An OBD-II dongle ({@link #id}) and the vehicle it serves, if any. Pairing and unpairing write here in the same unit
 * of work as on the vehicle; two pairings of one dongle at once write the same next sequence number of this stream,
 * and only one of them is stored.
 */
@Aggregate
public class DongleClaim {

    @AggregateIdentifier
    private String claimId;
    private String vehicleId;

    protected DongleClaim() {
    }

    DongleClaim(String dongleId, String vehicleId) {
        apply(new DongleClaimedEvent(dongleId, vehicleId));
    }

    /** The stream of a dongle. */
    static String id(String dongleId) {
        return "dongle:" + dongleId;
    }

    /** The vehicle the dongle serves, null when free. */
    String vehicleId() {
        return vehicleId;
    }

    void claim(String dongleId, String vehicle) {
        apply(new DongleClaimedEvent(dongleId, vehicle));
    }

    void release(String dongleId) {
        if (vehicleId != null) {
            apply(new DongleReleasedEvent(dongleId, vehicleId));
        }
    }

    @EventSourcingHandler
    void on(DongleClaimedEvent event) {
        claimId = id(event.dongleId());
        vehicleId = event.vehicleId();
    }

    @EventSourcingHandler
    void on(DongleReleasedEvent event) {
        vehicleId = null;
    }
}
