package io.axle.command.vehicle;

/**
 * The set-wide rules of vehicles, kept by one stream per VIN and per dongle (ADR 0027): each claim is written in the
 * unit of work of the vehicle's own event, so both are stored or neither. Injected into the {@link Vehicle}'s
 * handlers; each method refuses with a {@link io.axle.command.RuleViolationException} naming the field.
 */
public interface VehicleClaims {

    /** Gives {@code vin} to {@code vehicleId}; 409 {@code vin} {@code must-be-unique} when another vehicle has it. */
    void claimVin(String vin, String vehicleId);

    /**
     * Gives {@code dongleId} to {@code vehicleId}; 409 {@code dongleId} {@code already-paired} while another vehicle
     * holds it.
     */
    void claimDongle(String dongleId, String vehicleId);

    /** Frees {@code dongleId}, held by {@code vehicleId}, for another pairing. */
    void releaseDongle(String dongleId, String vehicleId);
}
