package io.axle.query.sensor;

import io.axle.api.sensor.SensorReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds readings and their places on the topic for the sensor tests. */
final class Readings {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private Readings() {
    }

    static SensorReading reading(String readingId, String runId, String sensorId, Instant at, double temperature,
            Double humidity, Double pressure) {
        return new SensorReading(readingId, runId, sensorId, "device-1", at, at.plusMillis(5), temperature, humidity,
                pressure);
    }

    static SensorReading reading(String runId, String sensorId, int second, double temperature) {
        return reading(runId + "-" + sensorId + "-" + second, runId, sensorId, T0.plusSeconds(second), temperature,
                null, null);
    }

    /** The readings consumed from {@code partition}, at offsets from {@code firstOffset} up, in the given order. */
    static List<ConsumedReading> at(int partition, long firstOffset, List<SensorReading> readings) {
        List<ConsumedReading> consumed = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            consumed.add(new ConsumedReading(readings.get(i), partition, firstOffset + i));
        }
        return consumed;
    }
}
