package io.axle.gateway.vehicle;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A frame that passed the frame rules, decoded: measure name to value, and the trouble codes ({@code null} when the
 * frame carried no mode 03 answer).
 */
public record CheckedFrame(Instant at, Instant receivedAt, Map<String, Double> values, List<String> troubleCodes) {
}
