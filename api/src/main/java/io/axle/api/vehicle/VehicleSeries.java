package io.axle.api.vehicle;

import java.time.Instant;
import java.util.List;

/**
 * One measure of a vehicle over time. At {@code raw} resolution each point's {@code min}, {@code max} and {@code avg}
 * are the value read and {@code count} is 1; at {@code 1m} and {@code 1h} each point is a bucket starting at
 * {@code at}.
 */
public record VehicleSeries(String vehicleId, String measure, String resolution, List<Point> points) {

    /** One reading or bucket. */
    public record Point(Instant at, double min, double max, double avg, long count) {
    }
}
