package io.axle.gateway.flash;

import java.time.Instant;

import io.axle.api.flash.FlashStep;
import io.axle.api.flash.FlashStepRequestedEvent;

/**
 * The JSON a dongle reads on {@code axle/dongles/{dongleId}/flash/commands}: one step of one flash job. {@code imagePath}
 * is where the dongle downloads the firmware image over HTTP with its device key; {@code null} for
 * {@link FlashStep#RESTORE}, which re-flashes the backup the dongle keeps.
 */
public record DongleFlashCommand(String flashJobId, String vehicleId, String ecu, FlashStep step, int attempt,
                                 String firmwareId, String sha256, long size, String imagePath, Instant at) {

    /** The command for a requested step. */
    public static DongleFlashCommand of(FlashStepRequestedEvent event) {
        String imagePath = event.step() == FlashStep.RESTORE || event.firmwareId() == null ? null
                : imagePath(event.firmwareId());
        return new DongleFlashCommand(event.flashJobId(), event.vehicleId(), event.ecu(), event.step(),
                event.attempt(), event.firmwareId(), event.sha256(), event.size(), imagePath, event.requestedAt());
    }

    /** Where the image of firmware {@code firmwareId} is downloaded from. */
    public static String imagePath(String firmwareId) {
        return "/api/v1/firmware/" + firmwareId + "/image";
    }
}
