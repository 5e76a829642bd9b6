package io.axle.api.vehicle;

/** Asks for one vehicle's view; answers null for an unknown one. */
public record FindVehicleQuery(String vehicleId) {
}
