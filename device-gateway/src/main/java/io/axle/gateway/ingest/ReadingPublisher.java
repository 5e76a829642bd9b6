package io.axle.gateway.ingest;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.axle.api.sensor.SensorReading;

/** Puts an accepted reading on the telemetry stream; the future completes once the stream has it durably. */
public interface ReadingPublisher {

    /**
     * @param headers who sent it and why (user, client, correlation id), carried beside the reading
     * @return completes when the stream acknowledged the reading, or exceptionally when it could not take it
     */
    CompletableFuture<Void> publish(SensorReading reading, Map<String, String> headers);
}
