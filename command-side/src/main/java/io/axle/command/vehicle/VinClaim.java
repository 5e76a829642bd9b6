package io.axle.command.vehicle;

import io.axle.api.vehicle.VinClaimedEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A registered VIN ({@link #id}): its stream holds one event naming the vehicle that has it. Two registrations of
 * one VIN both try to write the first event of the same stream, and the event store's (aggregate id, sequence number)
 * key lets only one succeed.
 */
@Aggregate
public class VinClaim {

    @AggregateIdentifier
    private String claimId;
    private String vehicleId;

    protected VinClaim() {
    }

    VinClaim(String vin, String vehicleId) {
        apply(new VinClaimedEvent(vin, vehicleId));
    }

    /** The stream of a VIN. */
    static String id(String vin) {
        return "vin:" + vin;
    }

    String vehicleId() {
        return vehicleId;
    }

    @EventSourcingHandler
    void on(VinClaimedEvent event) {
        claimId = id(event.vin());
        vehicleId = event.vehicleId();
    }
}
