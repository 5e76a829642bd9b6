package io.axle.api.sensor;

/** Statistics of one sensor (or of a whole run) per measure. */
public record SensorStatistics(String sensorId, long count, MeasureStatistics temperature, MeasureStatistics humidity, MeasureStatistics pressure) {
}
