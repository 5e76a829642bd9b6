package io.axle.query.sensor;

import io.axle.api.sensor.MinuteBucket;
import io.axle.api.sensor.SensorReading;
import io.axle.api.sensor.SensorStatistics;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * The figures of one statistics or bucket document, with the highest offset it applied per topic partition and a
 * version that every write increments, so that a write can be made conditional on nobody else having written since the
 * document was read.
 */
final class Tally {

    static final String ID = "_id";
    static final String RUN_ID = "runId";
    static final String SENSOR_ID = "sensorId";
    static final String MINUTE = "minute";
    static final String VERSION = "version";
    static final String OFFSETS = "offsets";
    static final String COUNT = "count";
    static final String LAST_READING_AT = "lastReadingAt";
    static final String TEMPERATURE = "temperature";
    static final String HUMIDITY = "humidity";
    static final String PRESSURE = "pressure";

    private final String id;
    private final String runId;
    private final String sensorId;
    private final Instant minute;
    private final Map<String, Long> offsets;
    private long version;
    private long count;
    private Instant lastReadingAt;
    private final MeasureFigures temperature;
    private final MeasureFigures humidity;
    private final MeasureFigures pressure;

    private Tally(String id, String runId, String sensorId, Instant minute, Map<String, Long> offsets, long version,
            long count, Instant lastReadingAt, MeasureFigures temperature, MeasureFigures humidity,
            MeasureFigures pressure) {
        this.id = id;
        this.runId = runId;
        this.sensorId = sensorId;
        this.minute = minute;
        this.offsets = offsets;
        this.version = version;
        this.count = count;
        this.lastReadingAt = lastReadingAt;
        this.temperature = temperature;
        this.humidity = humidity;
        this.pressure = pressure;
    }

    /** An empty tally of a run ({@code sensorId} null), of one sensor, or of one sensor in one minute. */
    static Tally empty(String id, String runId, String sensorId, Instant minute) {
        return new Tally(id, runId, sensorId, minute, new LinkedHashMap<>(), 0, 0, null, new MeasureFigures(),
                new MeasureFigures(), new MeasureFigures());
    }

    static Tally from(Document document) {
        Map<String, Long> offsets = new LinkedHashMap<>();
        Document stored = document.get(OFFSETS, Document.class);
        if (stored != null) {
            stored.forEach((partition, offset) -> offsets.put(partition, ((Number) offset).longValue()));
        }
        return new Tally(document.getString(ID), document.getString(RUN_ID), document.getString(SENSOR_ID),
                instant(document.getDate(MINUTE)), offsets, longOf(document.get(VERSION)), longOf(document.get(COUNT)),
                instant(document.getDate(LAST_READING_AT)),
                MeasureFigures.from(document.get(TEMPERATURE, Document.class)),
                MeasureFigures.from(document.get(HUMIDITY, Document.class)),
                MeasureFigures.from(document.get(PRESSURE, Document.class)));
    }

    /**
     * Counts the reading unless this tally already applied its offset (or a later one) of its partition; readings of
     * a partition must come in offset order.
     *
     * @return whether the reading was counted
     */
    boolean add(ConsumedReading consumed) {
        String partition = Integer.toString(consumed.partition());
        Long applied = offsets.get(partition);
        if (applied != null && consumed.offset() <= applied) {
            return false;
        }
        offsets.put(partition, consumed.offset());
        SensorReading reading = consumed.reading();
        count++;
        temperature.add(reading.temperature());
        humidity.add(reading.humidity());
        pressure.add(reading.pressure());
        if (lastReadingAt == null || reading.timestamp().isAfter(lastReadingAt)) {
            lastReadingAt = reading.timestamp();
        }
        return true;
    }

    String id() {
        return id;
    }

    long version() {
        return version;
    }

    /** Marks the tally as one write newer than the version it was read at. */
    void nextVersion() {
        version++;
    }

    String runId() {
        return runId;
    }

    String sensorId() {
        return sensorId;
    }

    Instant lastReadingAt() {
        return lastReadingAt;
    }

    Instant minute() {
        return minute;
    }

    long count() {
        return count;
    }

    MeasureFigures temperature() {
        return temperature;
    }

    MeasureFigures humidity() {
        return humidity;
    }

    MeasureFigures pressure() {
        return pressure;
    }

    Document toDocument() {
        Document document = new Document(ID, id).append(RUN_ID, runId).append(SENSOR_ID, sensorId);
        if (minute != null) {
            document.append(MINUTE, Date.from(minute));
        }
        Document stored = new Document();
        offsets.forEach(stored::append);
        return document.append(VERSION, version)
                .append(OFFSETS, stored)
                .append(COUNT, count)
                .append(LAST_READING_AT, lastReadingAt == null ? null : Date.from(lastReadingAt))
                .append(TEMPERATURE, temperature.toDocument())
                .append(HUMIDITY, humidity.toDocument())
                .append(PRESSURE, pressure.toDocument());
    }

    SensorStatistics toSensorStatistics() {
        return new SensorStatistics(sensorId, count, temperature.toStatistics(), humidity.toStatistics(),
                pressure.toStatistics());
    }

    MinuteBucket toBucket() {
        return new MinuteBucket(sensorId, minute, count, temperature.toStatistics(), humidity.toStatistics(),
                pressure.toStatistics());
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static long longOf(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
