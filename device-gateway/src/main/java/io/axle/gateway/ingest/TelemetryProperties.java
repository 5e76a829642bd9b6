package io.axle.gateway.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where readings go: the Kafka topic ({@code axle.telemetry.topic}), how long an ingress waits for Kafka's
 * acknowledgement before it answers that the stream is unavailable ({@code axle.telemetry.send-timeout}), and how long
 * the gateway's producer lingers to fill a batch ({@code axle.telemetry.linger}). Every reading's answer waits for
 * Kafka, and HiveMQ handles one client's publishes one after the other, so lingering is paid once per reading of
 * each device: none by default (batches still form from what arrives while a request is in flight).
 */
@ConfigurationProperties("axle.telemetry")
public record TelemetryProperties(@DefaultValue("axle.sensor-readings") String topic,
                                  @DefaultValue("10s") Duration sendTimeout,
                                  @DefaultValue("0ms") Duration linger) {
}
