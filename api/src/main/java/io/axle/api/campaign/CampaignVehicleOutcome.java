package io.axle.api.campaign;

/**
 * How a campaign's vehicle ended: FLASHED (its job COMPLETED), FAILED (its job ROLLED_BACK, ABORTED or FAILED, or it
 * could not be started for a reason that waiting will not change), CANCELLED (its job cancelled by a stop), EXPIRED
 * (still offline or unflashable at the campaign's deadline). Only FLASHED counts as a success; FAILED and EXPIRED count
 * as errors.
 */
public enum CampaignVehicleOutcome {
    FLASHED,
    FAILED,
    CANCELLED,
    EXPIRED
}
