package io.axle.command.vehicle;

import io.axle.api.vehicle.PairDongleCommand;
import io.axle.api.vehicle.RecordEcuCommand;
import io.axle.api.vehicle.RegisterVehicleCommand;
import io.axle.command.HotAggregateCommands;
import io.axle.platform.vehicle.VehicleEnrolment;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Registration and pairing as the REST edge and the dongle simulator both do them: {@link RegisterVehicleCommand}
 * under a generated id, and {@link PairDongleCommand} after the dongle's device key is issued, the key revoked again
 * when the pairing is refused. Commands that lost a race for a VIN or a dongle are sent again (the retry meets the
 * refusal).
 */
@Component
public class CommandVehicleEnrolment implements VehicleEnrolment {

    /** How often a command that lost a race is sent in all. */
    static final int ATTEMPTS = 5;

    private final CommandGateway commandGateway;
    private final DongleKeys dongleKeys;

    public CommandVehicleEnrolment(CommandGateway commandGateway, DongleKeys dongleKeys) {
        this.commandGateway = commandGateway;
        this.dongleKeys = dongleKeys;
    }

    @Override
    public String register(Registration registration, String by) {
        String vehicleId = UUID.randomUUID().toString();
        HotAggregateCommands.send(commandGateway, new RegisterVehicleCommand(vehicleId, registration.vin(),
                registration.plate(), registration.plateCountry(), registration.make(), registration.model(),
                registration.year(), registration.ownerCustomerId(), by), ATTEMPTS);
        return vehicleId;
    }

    @Override
    public DongleCredentials pair(String vehicleId, String dongleId, String by) {
        DongleKeys.IssuedKey key = dongleKeys.issue(vehicleId, dongleId);
        try {
            HotAggregateCommands.send(commandGateway, new PairDongleCommand(vehicleId, dongleId, key.keyId(), by),
                    ATTEMPTS);
        } catch (RuntimeException refused) {
            dongleKeys.revoke(key.keyId());
            throw refused;
        }
        return new DongleCredentials(dongleId, key.keyId(), key.apiKey());
    }

    @Override
    public void recordEcu(String vehicleId, String ecu, String hardware, String version, String by) {
        HotAggregateCommands.send(commandGateway, new RecordEcuCommand(vehicleId, ecu, hardware, version, by),
                ATTEMPTS);
    }
}
