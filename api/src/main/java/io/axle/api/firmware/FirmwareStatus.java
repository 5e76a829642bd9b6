package io.axle.api.firmware;

/** Whether a firmware may be flashed. */
public enum FirmwareStatus {
    RELEASED,
    WITHDRAWN
}
