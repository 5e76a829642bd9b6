package io.axle.api.vehicle;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One accepted OBD-II frame, decoded, as the gateway puts it on the Kafka topic (keyed by vehicle id).
 * {@code frameId} is given once at ingress so that consumers apply a frame at most once; {@code source} names the
 * dongle (device key or MQTT client) or user that sent it; {@code at} is when the dongle read it. {@code values} maps
 * measure names ({@link VehicleMeasure}) to decoded values; {@code troubleCodes} is the mode 03 answer decoded, null
 * when the frame carried none (an empty list means the car reported no code).
 */
public record ObdFrame(String frameId, String vehicleId, String source, Instant at, Instant receivedAt,
                       Map<String, Double> values, List<String> troubleCodes) {
}
