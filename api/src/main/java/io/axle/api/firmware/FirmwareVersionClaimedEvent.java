package io.axle.api.firmware;

/**
 * Version {@code version} of ECU {@code ecu} now belongs to firmware {@code firmwareId}: the first event of the
 * version's own stream, stored in the same transaction as the firmware's release, so that no version of an ECU is
 * released twice.
 */
public record FirmwareVersionClaimedEvent(String ecu, String version, String firmwareId) {
}
