package io.axle.api.vehicle;

/**
 * Asks for every vehicle {@code list} would page through (its page and size are ignored), streamed in its order, at
 * most {@code limit} of them.
 */
public record ExportVehiclesQuery(ListVehiclesQuery list, int limit) {
}
