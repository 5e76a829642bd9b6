package io.axle.api.firmware;

import io.axle.api.common.ListCriteria;

/**
 * Asks for a page of the catalogue, newest release first unless {@code criteria} sorts it; {@code ecu} and
 * {@code status} narrow it when not null; the search finds versions, file names and release notes holding it.
 */
public record ListFirmwareQuery(String ecu, FirmwareStatus status, ListCriteria criteria, int page, int size) {
}
