package io.axle.query.sensor;

import io.axle.api.sensor.SeriesBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers a run's readings, or its stored minute figures, into buckets of equal width per sensor from a start instant,
 * holding one set of figures per sensor and bucket however many readings go in: a long run costs the size of its answer.
 */
final class SeriesBuckets {

    private final Instant from;
    private final Duration width;
    private final Map<String, Bucket> buckets = new HashMap<>();

    SeriesBuckets(Instant from, Duration width) {
        this.from = from;
        this.width = width;
    }

    /** Adds one raw reading document. */
    void addReading(String sensorId, Instant at, Double temperature, Double humidity, Double pressure) {
        Bucket bucket = bucket(sensorId, at);
        bucket.count++;
        bucket.temperature.add(temperature);
        bucket.humidity.add(humidity);
        bucket.pressure.add(pressure);
    }

    /** Adds the stored figures of one sensor's minute; the width must be a whole number of minutes. */
    void addMinute(Tally minute) {
        Bucket bucket = bucket(minute.sensorId(), minute.minute());
        bucket.count += minute.count();
        bucket.temperature.merge(minute.temperature());
        bucket.humidity.merge(minute.humidity());
        bucket.pressure.merge(minute.pressure());
    }

    /** The buckets that received something, by start, then sensor. */
    List<SeriesBucket> toList() {
        List<SeriesBucket> series = new ArrayList<>(buckets.size());
        for (Bucket bucket : buckets.values()) {
            series.add(new SeriesBucket(bucket.sensorId, bucket.start, bucket.count, bucket.temperature.toStatistics(),
                    bucket.humidity.toStatistics(), bucket.pressure.toStatistics()));
        }
        series.sort(Comparator.comparing(SeriesBucket::start).thenComparing(SeriesBucket::sensorId));
        return series;
    }

    private Bucket bucket(String sensorId, Instant at) {
        long index = Duration.between(from, at).toMillis() / width.toMillis();
        return buckets.computeIfAbsent(sensorId + "/" + index,
                key -> new Bucket(sensorId, from.plus(width.multipliedBy(index))));
    }

    private static final class Bucket {
        final String sensorId;
        final Instant start;
        long count;
        final MeasureFigures temperature = new MeasureFigures();
        final MeasureFigures humidity = new MeasureFigures();
        final MeasureFigures pressure = new MeasureFigures();

        Bucket(String sensorId, Instant start) {
            this.sensorId = sensorId;
            this.start = start;
        }
    }
}
