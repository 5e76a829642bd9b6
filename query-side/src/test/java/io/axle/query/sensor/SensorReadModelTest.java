package io.axle.query.sensor;

import static io.axle.query.sensor.Readings.T0;
import static io.axle.query.sensor.Readings.at;
import static io.axle.query.sensor.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.axle.api.common.PageResult;
import io.axle.api.sensor.FindReadingsQuery;
import io.axle.api.sensor.SensorReading;
import io.axle.api.sensor.WatchRunReadingsQuery;
import io.axle.query.InMemoryMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The raw readings as stored through the embedded MongoDB server and read back by the sensor queries. */
class SensorReadModelTest {

    private InMemoryMongo mongo;
    private RawReadings rawReadings;
    private SensorReadModel readModel;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        rawReadings = new RawReadings(mongo.template());
        rawReadings.createIndexes();
        readModel = new SensorReadModel(mongo.template());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aReadingComesBackWithEveryField() {
        SensorReading full = reading("r-1", "run-1", "s-1", T0, 21.5, 40.25, 1013.0);
        SensorReading temperatureOnly = reading("r-2", "run-1", "s-1", T0.plusSeconds(1), -4.0, null, null);
        rawReadings.insert(at(0, 0, List.of(full, temperatureOnly)));

        assertThat(find("run-1", null, null, null, 0, 20).content()).containsExactly(full, temperatureOnly);
    }

    @Test
    void aReadingDeliveredAgainIsStoredOnce() {
        List<SensorReading> first = List.of(reading("run-1", "s-1", 0, 20.0), reading("run-1", "s-1", 1, 21.0));

        assertThat(rawReadings.insert(at(0, 0, first)).added()).isEqualTo(2);
        List<ConsumedReading> again = at(0, 2, List.of(first.get(1), reading("run-1", "s-1", 2, 22.0), first.get(0)));
        assertThat(rawReadings.insert(again).added()).isEqualTo(1);

        assertThat(find("run-1", null, null, null, 0, 20).content()).extracting(SensorReading::temperature)
                .containsExactly(20.0, 21.0, 22.0);
    }

    @Test
    void readingsComeOldestFirstWhateverTheOrderTheyArrivedIn() {
        rawReadings.insert(at(0, 0, List.of(reading("run-1", "s-2", 30, 3.0), reading("run-1", "s-1", 10, 1.0))));
        rawReadings.insert(at(0, 2, List.of(reading("run-1", "s-1", 20, 2.0))));

        assertThat(find("run-1", null, null, null, 0, 20).content()).extracting(SensorReading::temperature)
                .containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void filtersBySensorAndByATimeWindowFromInclusiveToExclusive() {
        List<SensorReading> readings = new ArrayList<>();
        for (int second = 0; second < 10; second++) {
            readings.add(reading("run-1", second % 2 == 0 ? "s-even" : "s-odd", second, second));
        }
        readings.add(reading("run-2", "s-even", 4, 99.0));
        rawReadings.insert(at(0, 0, readings));

        assertThat(find("run-1", "s-even", null, null, 0, 20).content()).extracting(SensorReading::temperature)
                .containsExactly(0.0, 2.0, 4.0, 6.0, 8.0);
        assertThat(find("run-1", null, T0.plusSeconds(3), T0.plusSeconds(6), 0, 20).content())
                .extracting(SensorReading::temperature).containsExactly(3.0, 4.0, 5.0);
        assertThat(find("run-1", "s-even", T0.plusSeconds(4), null, 0, 20).content())
                .extracting(SensorReading::temperature).containsExactly(4.0, 6.0, 8.0);
        assertThat(find("run-1", null, null, T0.plusSeconds(2), 0, 20).content())
                .extracting(SensorReading::temperature).containsExactly(0.0, 1.0);
        assertThat(find("run-3", null, null, null, 0, 20).totalElements()).isZero();
    }

    @Test
    void pagesCountTheWholeSelection() {
        List<SensorReading> readings = new ArrayList<>();
        for (int second = 0; second < 7; second++) {
            readings.add(reading("run-1", "s-1", second, second));
        }
        rawReadings.insert(at(0, 0, readings));

        PageResult<SensorReading> second = find("run-1", null, null, null, 1, 3);

        assertThat(second.content()).extracting(SensorReading::temperature).containsExactly(3.0, 4.0, 5.0);
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(3);
        assertThat(second.totalElements()).isEqualTo(7);
        assertThat(find("run-1", null, null, null, 2, 3).content()).hasSize(1);
        assertThat(find("run-1", null, null, null, 0, 1000).size()).isEqualTo(200);
    }

    @Test
    void theWatchStartsFromTheRunsNewestTwoHundredReadingsOldestFirst() {
        List<SensorReading> readings = new ArrayList<>();
        for (int second = 0; second < 250; second++) {
            readings.add(reading("run-1", "s-1", second, second));
        }
        readings.add(reading("run-2", "s-1", 999, -1.0));
        rawReadings.insert(at(0, 0, readings));

        List<SensorReading> initial = readModel.handle(new WatchRunReadingsQuery("run-1"));

        assertThat(initial).hasSize(200);
        assertThat(initial.get(0).timestamp()).isEqualTo(T0.plusSeconds(50));
        assertThat(initial.get(199).timestamp()).isEqualTo(T0.plusSeconds(249));
        assertThat(initial).extracting(SensorReading::timestamp).isSorted();
        assertThat(readModel.handle(new WatchRunReadingsQuery("run-x"))).isEmpty();
    }

    private PageResult<SensorReading> find(String runId, String sensorId, Instant from, Instant to, int page,
            int size) {
        return readModel.page(new FindReadingsQuery(runId, sensorId, from, to, page, size));
    }
}
