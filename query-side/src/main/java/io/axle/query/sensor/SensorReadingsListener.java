package io.axle.query.sensor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.axle.api.sensor.SensorReading;
import io.axle.api.sensor.WatchRunReadingsQuery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.axle.query.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the sensor read models from the telemetry topic, one poll at a time: the raw readings, then the minute buckets
 * and statistics, then the live updates and the temperature gauges; the container commits the poll's offsets only
 * after this returns, and a failure hands the whole poll back to be retried (the writes are idempotent). A reading
 * that reaches the topic twice (a device or gateway retry) is stored and counted once: only its first delivery counts.
 *
 * <p>A record that is not a readable reading cannot become one by retrying: it is logged with its place on the topic,
 * counted in {@code sensor_readings_unreadable} and skipped.
 */
@Component
public class SensorReadingsListener {

    /** The listener container's id in Spring Kafka's registry. */
    static final String LISTENER_ID = "axle-sensor-read-models";

    private static final Logger log = LoggerFactory.getLogger(SensorReadingsListener.class);

    private final ObjectReader readingReader;
    private final RawReadings rawReadings;
    private final RunStatisticsWriter statistics;
    private final QueryUpdateEmitter updateEmitter;
    private final TemperatureGauges gauges;
    private final Counter unreadable;
    private final Counter stored;

    public SensorReadingsListener(ObjectMapper objectMapper, RawReadings rawReadings, RunStatisticsWriter statistics,
            QueryUpdateEmitter updateEmitter, TemperatureGauges gauges, MeterRegistry registry) {
        this.readingReader = objectMapper.readerFor(SensorReading.class);
        this.rawReadings = rawReadings;
        this.statistics = statistics;
        this.updateEmitter = updateEmitter;
        this.gauges = gauges;
        this.unreadable = Counter.builder("sensor_readings_unreadable")
                .description("Records of the telemetry topic that are not readable sensor readings, skipped")
                .register(registry);
        this.stored = Counter.builder("sensor_readings_stored")
                .description("Sensor readings stored in the read model for the first time")
                .register(registry);
    }

    @KafkaListener(id = LISTENER_ID,
            groupId = "${axle.telemetry.consumer.group:axle-sensor-read-models}",
            topics = "${axle.telemetry.topic:axle.sensor-readings}",
            containerFactory = SensorReadModelConfiguration.CONTAINER_FACTORY,
            concurrency = "${axle.telemetry.consumer.concurrency:1}",
            autoStartup = "${axle.telemetry.consumer.enabled:true}")
    void consume(List<ConsumerRecord<String, String>> records) {
        List<ConsumedReading> readings = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            SensorReading reading = TopicRecords.read(record, readingReader, SensorReadingsListener::missingField,
                    unreadable, log, "sensor reading");
            if (reading != null) {
                readings.add(new ConsumedReading(reading, record.partition(), record.offset()));
            }
        }
        store(readings);
    }

    /** Writes a batch of readings, in topic order per partition, to every read model and then announces it. */
    void store(List<ConsumedReading> readings) {
        if (readings.isEmpty()) {
            return;
        }
        RawReadings.Stored raw = rawReadings.insert(readings);
        stored.increment(raw.added());
        Map<String, RunStatisticsWriter.RunProgress> runs = statistics.apply(raw.toCount());
        Set<String> watched = watchedRuns();
        for (RunStatisticsWriter.RunProgress run : runs.values()) {
            MeasureFigures temperature = run.run().temperature();
            if (temperature.count() > 0) {
                gauges.record(run.runId(), temperature.sum() / temperature.count());
            }
            if (watched.contains(run.runId())) {
                String runId = run.runId();
                for (SensorReading reading : run.counted()) {
                    updateEmitter.emit(WatchRunReadingsQuery.class, query -> runId.equals(query.runId()), reading);
                }
            }
        }
    }

    private Set<String> watchedRuns() {
        Set<String> runIds = new HashSet<>();
        for (SubscriptionQueryMessage<?, ?, ?> subscription : updateEmitter.activeSubscriptions()) {
            if (subscription.getPayload() instanceof WatchRunReadingsQuery watch) {
                runIds.add(watch.runId());
            }
        }
        return runIds;
    }

    private static String missingField(SensorReading reading) {
        if (reading == null) {
            return "null reading";
        }
        if (reading.readingId() == null) {
            return "no readingId";
        }
        if (reading.runId() == null) {
            return "no runId";
        }
        if (reading.sensorId() == null) {
            return "no sensorId";
        }
        if (reading.timestamp() == null) {
            return "no timestamp";
        }
        return null;
    }
}
