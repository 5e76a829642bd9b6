package io.axle.query.sensor;

import io.axle.api.sensor.SensorReading;

/** A reading with the place it was read from on the telemetry topic, which is what makes its statistics idempotent. */
record ConsumedReading(SensorReading reading, int partition, long offset) {
}
