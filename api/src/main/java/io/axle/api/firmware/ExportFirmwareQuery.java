package io.axle.api.firmware;

/**
 * Asks for every firmware {@code list} would page through (its page and size are ignored), streamed in its order, at
 * most {@code limit} of them.
 */
public record ExportFirmwareQuery(ListFirmwareQuery list, int limit) {
}
