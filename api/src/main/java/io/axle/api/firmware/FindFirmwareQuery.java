package io.axle.api.firmware;

/** Asks for one firmware's view; answers null for an unknown one. */
public record FindFirmwareQuery(String firmwareId) {
}
