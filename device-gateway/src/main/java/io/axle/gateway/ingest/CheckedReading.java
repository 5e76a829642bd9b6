package io.axle.gateway.ingest;

import java.time.Instant;

/**
 * A reading that passed every rule, normalised: {@code timestamp} is the device's time or, when it gave none, the
 * time the gateway received it ({@code timestampGiven} tells which).
 */
public record CheckedReading(String runId, String sensorId, Instant timestamp, boolean timestampGiven, Instant receivedAt,
                             double temperature, Double humidity, Double pressure) {
}
