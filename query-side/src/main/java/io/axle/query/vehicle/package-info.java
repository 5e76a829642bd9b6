/**
 * The vehicle read models: the vehicles (registry, dongle, trouble codes, alarms, latest readings), their telemetry
 * series (raw frames, minute and hour buckets) fed from the OBD-II frame topic, and the vehicle read API.
 */
package io.axle.query.vehicle;
