package io.axle.api.vehicle;

/**
 * A subscription to one vehicle: its view now, then each view after a frame or an event changed it (screens show
 * gauges and alarms filling live).
 */
public record WatchVehicleQuery(String vehicleId) {
}
