package io.axle.api.vehicle;

import io.axle.api.common.ListCriteria;

/**
 * A page of vehicles: {@code criteria.search} matches VIN or plate (any part, ignoring case); {@code online} and
 * {@code make} filter when not null. Answers {@code PageResult<VehicleView>}.
 */
public record ListVehiclesQuery(ListCriteria criteria, Boolean online, String make, int page, int size) {
}
