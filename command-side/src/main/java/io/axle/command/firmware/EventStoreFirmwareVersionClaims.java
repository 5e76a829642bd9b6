package io.axle.command.firmware;

import io.axle.command.RuleViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Keeps the version claims in their own event-sourced streams, through Axon's repository, inside the unit of work of
 * the release: a claim refused here rolls the release back, and a claim lost to a concurrent release on another node
 * fails the whole transaction (the REST edge sends the release again, and the retry meets the refusal).
 */
@Component
public class EventStoreFirmwareVersionClaims implements FirmwareVersionClaims {

    private final Repository<FirmwareVersionClaim> claims;

    public EventStoreFirmwareVersionClaims(Repository<FirmwareVersionClaim> firmwareVersionClaimRepository) {
        this.claims = firmwareVersionClaimRepository;
    }

    @Override
    public void claimVersion(String ecu, String version, String firmwareId) {
        String id = FirmwareVersionClaim.id(ecu, version);
        try {
            String holder = claims.load(id).invoke(FirmwareVersionClaim::firmwareId);
            throw RuleViolationException.conflict("version", "must-be-unique",
                    "version " + version + " of ECU " + ecu + " is already released as firmware " + holder);
        } catch (AggregateNotFoundException free) {
            // nobody has it yet: claim it below
        }
        try {
            claims.newInstance(() -> new FirmwareVersionClaim(ecu, version, firmwareId));
        } catch (Exception e) {
            throw new IllegalStateException("version " + version + " of ECU " + ecu + " could not be claimed", e);
        }
    }
}
