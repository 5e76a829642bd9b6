package io.axle.command.vehicle;

import io.axle.command.RuleViolationException;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Keeps the claims in their own event-sourced streams, through Axon's repositories, inside the unit of work of the
 * vehicle's command: a claim refused here rolls the vehicle's event back, and a claim lost to a concurrent one fails
 * the whole transaction (the REST edge sends such a command again, and the retry meets the refusal).
 */
@Component
public class EventStoreVehicleClaims implements VehicleClaims {

    private final Repository<VinClaim> vins;
    private final Repository<DongleClaim> dongles;

    public EventStoreVehicleClaims(Repository<VinClaim> vinClaimRepository,
                                   Repository<DongleClaim> dongleClaimRepository) {
        this.vins = vinClaimRepository;
        this.dongles = dongleClaimRepository;
    }

    @Override
    public void claimVin(String vin, String vehicleId) {
        Aggregate<VinClaim> existing = loadOrNull(vins, VinClaim.id(vin));
        if (existing != null) {
            String holder = existing.invoke(VinClaim::vehicleId);
            throw RuleViolationException.conflict("vin", "must-be-unique",
                    "VIN " + vin + " is already registered for vehicle " + holder);
        }
        try {
            vins.newInstance(() -> new VinClaim(vin, vehicleId));
        } catch (Exception e) {
            throw new IllegalStateException("VIN " + vin + " could not be claimed", e);
        }
    }

    @Override
    public void claimDongle(String dongleId, String vehicleId) {
        Aggregate<DongleClaim> existing = loadOrNull(dongles, DongleClaim.id(dongleId));
        if (existing == null) {
            try {
                dongles.newInstance(() -> new DongleClaim(dongleId, vehicleId));
            } catch (Exception e) {
                throw new IllegalStateException("dongle " + dongleId + " could not be claimed", e);
            }
            return;
        }
        String holder = existing.invoke(DongleClaim::vehicleId);
        if (holder != null && !holder.equals(vehicleId)) {
            throw RuleViolationException.conflict("dongleId", "already-paired",
                    "dongle " + dongleId + " is paired with vehicle " + holder);
        }
        if (holder == null) {
            existing.execute(claim -> claim.claim(dongleId, vehicleId));
        }
    }

    @Override
    public void releaseDongle(String dongleId, String vehicleId) {
        Aggregate<DongleClaim> existing = loadOrNull(dongles, DongleClaim.id(dongleId));
        if (existing != null && vehicleId.equals(existing.invoke(DongleClaim::vehicleId))) {
            existing.execute(claim -> claim.release(dongleId));
        }
    }

    private static <T> Aggregate<T> loadOrNull(Repository<T> repository, String id) {
        try {
            return repository.load(id);
        } catch (AggregateNotFoundException e) {
            return null;
        }
    }
}
