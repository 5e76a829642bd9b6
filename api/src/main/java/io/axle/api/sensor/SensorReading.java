package io.axle.api.sensor;

import java.time.Instant;

/**
 * One accepted sensor reading, as the gateway puts it on the Kafka topic (keyed by run id). {@code readingId} is
 * given once at ingress so that consumers can apply a reading at most once; {@code source} names the device (API key
 * or MQTT client) or user that sent it. Temperature in degrees Celsius, humidity in percent, pressure in hPa.
 */
public record SensorReading(String readingId, String runId, String sensorId, String source, Instant timestamp, Instant receivedAt, double temperature, Double humidity, Double pressure) {
}
