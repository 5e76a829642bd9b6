package io.axle.command.flash;

import io.axle.api.common.Refusal;
import io.axle.api.flash.FlashJobStatus;
import io.axle.api.flash.RequestFlashCommand;
import io.axle.api.vehicle.ReleaseFlashCommand;
import io.axle.api.vehicle.ReserveFlashCommand;
import io.axle.command.CommandRefusalInterceptor;
import io.axle.command.HotAggregateCommands;
import io.axle.command.firmware.FirmwareCatalogue;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Starts one flash in three steps: its {@link FlashPreconditions} (refused with the first that fails), the vehicle's
 * reservation (which refuses a second flash on the vehicle, exactly, on every node, and answers the version the flash
 * replaces), then the {@link FlashJob}, whose process drives the dongle. When the job cannot be created the
 * reservation is released again (outcome CANCELLED), so that nothing is left half-written; unless the job exists
 * already (a retry with the same id that lost the race): then the reservation is that job's and stays.
 *
 * <p>The one way a flash starts, whether asked for on its own or by a campaign.
 */
@Component
public class FlashJobStarter {

    /** How often a command to the vehicle that lost a race is sent in all: telemetry writes to it too. */
    static final int VEHICLE_ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(FlashJobStarter.class);

    private final CommandGateway commandGateway;
    private final FlashPreconditions preconditions;

    FlashJobStarter(CommandGateway commandGateway, FlashPreconditions preconditions) {
        this.commandGateway = commandGateway;
        this.preconditions = preconditions;
    }

    /** Starts flashing {@code firmwareId} onto {@code ecu} of {@code vehicleId} and answers the job's id. */
    String start(String vehicleId, String ecu, String firmwareId, boolean allowDowngrade, String requestedBy) {
        return start(UUID.randomUUID().toString(), null, vehicleId, ecu, firmwareId, allowDowngrade, requestedBy);
    }

    /**
     * Starts flash job {@code flashJobId}, part of campaign {@code campaignId} (null for none), and answers its id;
     * refused as a flash asked for on its own would be. Starting the same job again, when it was created meanwhile,
     * answers its id.
     */
    public String start(String flashJobId, String campaignId, String vehicleId, String ecu, String firmwareId,
                        boolean allowDowngrade, String requestedBy) {
        FlashPreconditions.Outcome checked = preconditions.check(vehicleId, ecu, firmwareId);
        checked.refusal().ifPresent(refusal -> {
            throw CommandRefusalInterceptor.refused(refusal, null);
        });
        FirmwareCatalogue.Entry firmware = checked.firmware();
        String fromVersion = HotAggregateCommands.send(commandGateway, new ReserveFlashCommand(vehicleId, flashJobId,
                ecu, firmware.firmwareId(), firmware.version(), firmware.hardware(), firmware.fromVersions(),
                allowDowngrade, requestedBy), VEHICLE_ATTEMPTS);
        try {
            commandGateway.sendAndWait(new RequestFlashCommand(flashJobId, vehicleId, checked.vehicle().dongleId(),
                    ecu, firmware.firmwareId(), fromVersion, firmware.version(), firmware.sha256(), firmware.size(),
                    campaignId, requestedBy));
        } catch (RuntimeException failure) {
            if (isExistingJob(failure)) {
                return flashJobId;
            }
            release(vehicleId, flashJobId, failure);
            throw failure;
        }
        return flashJobId;
    }

    private static boolean isExistingJob(RuntimeException failure) {
        return failure instanceof CommandExecutionException refused && refused.getDetails()
                .filter(Refusal.class::isInstance).map(Refusal.class::cast)
                .filter(refusal -> "flashJobId".equals(refusal.field()) && "must-be-unique".equals(refusal.rule()))
                .isPresent();
    }

    private void release(String vehicleId, String flashJobId, RuntimeException failure) {
        try {
            HotAggregateCommands.send(commandGateway, new ReleaseFlashCommand(vehicleId, flashJobId, null,
                    FlashJobStatus.CANCELLED.name(), "the flash job could not be created: " + failure.getMessage()),
                    VEHICLE_ATTEMPTS);
        } catch (RuntimeException releaseFailure) {
            log.error("Flash job {} was not created and vehicle {} stays reserved for it: release it with "
                    + "ReleaseFlashCommand", flashJobId, vehicleId, releaseFailure);
            failure.addSuppressed(releaseFailure);
        }
    }
}
