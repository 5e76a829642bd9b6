package io.axle.query.sensor;

import static io.axle.query.sensor.Readings.at;
import static io.axle.query.sensor.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.sensor.FindRunStatisticsQuery;
import io.axle.api.sensor.MeasureStatistics;
import io.axle.api.sensor.MinuteBucket;
import io.axle.api.sensor.RunStatistics;
import io.axle.api.sensor.SensorReading;
import io.axle.api.sensor.SensorStatistics;
import io.axle.api.sensor.WatchRunReadingsQuery;
import io.axle.query.InMemoryMongo;
import io.axle.query.SubscriberProbe;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;

/**
 * One poll of readings through the raw readings and the statistics, as the Kafka listener writes them, on the embedded
 * MongoDB server: a reading that reaches the topic twice at different offsets (a device's QoS 1 redelivery after a lost
 * acknowledgement, a gateway retry) counts once, and a poll consumed again after a crash counts what it had not yet.
 */
class SensorReadingsListenerTest {

    private InMemoryMongo mongo;
    private SimpleQueryUpdateEmitter emitter;
    private SimpleMeterRegistry meters;
    private SensorReadingsListener listener;
    private SensorReadModel readModel;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        emitter = SimpleQueryUpdateEmitter.builder().build();
        meters = new SimpleMeterRegistry();
        listener = listener(new RunStatisticsWriter(mongo.template()));
        readModel = new SensorReadModel(mongo.template());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void theSameReadingAtAnotherOffsetInALaterPollCountsOnce() {
        SensorReading first = reading("run-1", "s-1", 0, 10.0);
        SensorReading second = reading("run-1", "s-1", 1, 30.0);
        listener.store(at(0, 0, List.of(first, second)));
        SubscriberProbe<SensorReading> watching =
                SubscriberProbe.subscribe(emitter, new WatchRunReadingsQuery("run-1"), SensorReading.class);

        listener.store(at(0, 2, List.of(second, reading("run-1", "s-1", 2, 20.0))));

        RunStatistics statistics = statistics("run-1");
        assertThat(statistics.overall().temperature()).isEqualTo(new MeasureStatistics(3, 10.0, 30.0, 20.0));
        assertThat(statistics.sensors()).extracting(SensorStatistics::count).containsExactly(3L);
        assertThat(statistics.series()).extracting(MinuteBucket::count).containsExactly(3L);
        assertThat(mongo.template().count(new Query(), RawReadings.COLLECTION)).isEqualTo(3);
        assertThat(watching.updates()).extracting(SensorReading::readingId).containsExactly("run-1-s-1-2");
        assertThat(meters.counter("sensor_readings_stored").count()).isEqualTo(3);
        assertThat(gauge("run-1")).isEqualTo(20.0);
    }

    @Test
    void theSameReadingTwiceInOnePollCountsOnce() {
        SensorReading reading = reading("run-1", "s-1", 0, 10.0);

        listener.store(at(3, 40, List.of(reading, reading("run-1", "s-2", 1, 20.0), reading)));

        assertThat(statistics("run-1").overall().temperature()).isEqualTo(new MeasureStatistics(2, 10.0, 20.0, 15.0));
        assertThat(statistics("run-1").sensors()).extracting(SensorStatistics::count).containsExactly(1L, 1L);
    }

    @Test
    void aPollConsumedAgainAfterACrashBetweenTheRawAndTheStatisticsWritesCountsOnce() {
        List<ConsumedReading> poll = at(1, 100, List.of(reading("run-1", "s-1", 0, 10.0),
                reading("run-1", "s-1", 1, 20.0), reading("run-1", "s-2", 2, 30.0)));
        SensorReadingsListener crashing = listener(new RunStatisticsWriter(mongo.template()) {
            @Override
            Map<String, RunProgress> apply(List<ConsumedReading> readings) {
                throw new IllegalStateException("process killed");
            }
        });
        assertThatThrownBy(() -> crashing.store(poll)).isInstanceOf(IllegalStateException.class);
        assertThat(mongo.template().count(new Query(), RawReadings.COLLECTION)).isEqualTo(3);

        listener.store(poll);
        listener.store(poll);

        RunStatistics statistics = statistics("run-1");
        assertThat(statistics.overall().temperature()).isEqualTo(new MeasureStatistics(3, 10.0, 30.0, 20.0));
        assertThat(statistics.sensors()).extracting(SensorStatistics::count).containsExactly(2L, 1L);
        assertThat(statistics.series()).extracting(MinuteBucket::count).containsExactly(2L, 1L);
    }

    @Test
    void aPollHoldingARedeliveryConsumedAgainAfterACrashCountsTheReadingOnce() {
        SensorReading reading = reading("run-1", "s-1", 0, 10.0);
        List<ConsumedReading> poll = at(0, 7, List.of(reading, reading("run-1", "s-1", 1, 20.0), reading));
        SensorReadingsListener crashing = listener(new RunStatisticsWriter(mongo.template()) {
            @Override
            Map<String, RunProgress> apply(List<ConsumedReading> readings) {
                throw new IllegalStateException("process killed");
            }
        });
        assertThatThrownBy(() -> crashing.store(poll)).isInstanceOf(IllegalStateException.class);

        listener.store(poll);
        listener.store(new ArrayList<>(poll.subList(2, 3)));

        assertThat(statistics("run-1").overall().temperature()).isEqualTo(new MeasureStatistics(2, 10.0, 20.0, 15.0));
    }

    private SensorReadingsListener listener(RunStatisticsWriter writer) {
        return new SensorReadingsListener(new ObjectMapper(), new RawReadings(mongo.template()), writer, emitter,
                new TemperatureGauges(meters, Duration.ofMinutes(10), Clock.systemUTC()), meters);
    }

    private RunStatistics statistics(String runId) {
        return readModel.handle(new FindRunStatisticsQuery(runId));
    }

    private Double gauge(String runId) {
        var gauge = meters.find(TemperatureGauges.NAME).tag("runId", runId).gauge();
        return gauge == null ? null : gauge.value();
    }
}
