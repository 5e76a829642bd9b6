package io.axle.command.firmware;

/**
 * The catalogue-wide rule that a version of an ECU is released once, kept by one stream per version (ADR 0027): the
 * claim is written in the unit of work of the firmware's release, so both are stored or neither. Injected into the
 * {@link Firmware}'s release handler.
 */
public interface FirmwareVersionClaims {

    /**
     * Gives {@code version} of {@code ecu} to {@code firmwareId}; 409 {@code version} {@code must-be-unique} when
     * another firmware has it.
     */
    void claimVersion(String ecu, String version, String firmwareId);
}
