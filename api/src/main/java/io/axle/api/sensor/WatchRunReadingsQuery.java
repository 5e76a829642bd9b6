package io.axle.api.sensor;

/** Subscribes to the readings of one run as they reach the read model ({@link SensorReading} updates). */
public record WatchRunReadingsQuery(String runId) {
}
