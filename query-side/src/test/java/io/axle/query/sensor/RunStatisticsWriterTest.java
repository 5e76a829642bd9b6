package io.axle.query.sensor;

import static io.axle.query.sensor.Readings.T0;
import static io.axle.query.sensor.Readings.at;
import static io.axle.query.sensor.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.axle.api.sensor.FindRunStatisticsQuery;
import io.axle.api.sensor.MeasureStatistics;
import io.axle.api.sensor.MinuteBucket;
import io.axle.api.sensor.RunStatistics;
import io.axle.api.sensor.SensorReading;
import io.axle.api.sensor.SensorStatistics;
import io.axle.query.InMemoryMongo;
import com.mongodb.client.MongoCollection;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The statistics and minute buckets, written through the embedded MongoDB server as the consumer writes them. */
class RunStatisticsWriterTest {

    private InMemoryMongo mongo;
    private RunStatisticsWriter writer;
    private SensorReadModel readModel;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        writer = new RunStatisticsWriter(mongo.template());
        writer.createIndexes();
        readModel = new SensorReadModel(mongo.template());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void minimumMaximumAndAverageAreExactOverallAndPerSensor() {
        writer.apply(at(0, 0, List.of(
                reading("r-1", "run-1", "s-1", T0, 20.5, 40.0, 1000.0),
                reading("r-2", "run-1", "s-2", T0.plusSeconds(1), -3.25, null, 1013.5),
                reading("r-3", "run-1", "s-1", T0.plusSeconds(2), 22.0, 50.0, null),
                reading("r-4", "run-1", "s-1", T0.plusSeconds(3), 21.0, null, null))));

        RunStatistics statistics = statistics("run-1");

        assertThat(statistics.runId()).isEqualTo("run-1");
        assertThat(statistics.overall()).isEqualTo(new SensorStatistics(null, 4,
                new MeasureStatistics(4, -3.25, 22.0, 15.0625),
                new MeasureStatistics(2, 40.0, 50.0, 45.0),
                new MeasureStatistics(2, 1000.0, 1013.5, 1006.75)));
        assertThat(statistics.sensors()).containsExactly(
                new SensorStatistics("s-1", 3, new MeasureStatistics(3, 20.5, 22.0, 21.166666666666668),
                        new MeasureStatistics(2, 40.0, 50.0, 45.0), new MeasureStatistics(1, 1000.0, 1000.0, 1000.0)),
                new SensorStatistics("s-2", 1, new MeasureStatistics(1, -3.25, -3.25, -3.25),
                        new MeasureStatistics(0, null, null, null), new MeasureStatistics(1, 1013.5, 1013.5, 1013.5)));
        assertThat(statistics.lastReadingAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void figuresAddUpAcrossBatches() {
        writer.apply(at(0, 0, List.of(reading("run-1", "s-1", 0, 10.0), reading("run-1", "s-1", 1, 30.0))));
        writer.apply(at(0, 2, List.of(reading("run-1", "s-1", 2, 5.0), reading("run-1", "s-1", 3, 15.0))));

        assertThat(statistics("run-1").overall().temperature()).isEqualTo(new MeasureStatistics(4, 5.0, 30.0, 15.0));
    }

    @Test
    void theSameBatchDeliveredAgainLeavesEveryFigureUnchanged() {
        List<ConsumedReading> batch = at(2, 40, List.of(
                reading("run-1", "s-1", 0, 20.0), reading("run-1", "s-2", 30, 21.0),
                reading("run-1", "s-1", 61, 22.0), reading("run-1", "s-2", 75, 23.5)));
        writer.apply(batch);
        RunStatistics once = statistics("run-1");

        writer.apply(batch);
        writer.apply(batch.subList(1, 3));

        assertThat(statistics("run-1")).isEqualTo(once);
        assertThat(once.overall().count()).isEqualTo(4);
    }

    @Test
    void aRedeliveryOverlappingWhatWasCountedCountsOnlyTheNewReadings() {
        List<SensorReading> readings = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            readings.add(reading("run-1", "s-" + (i % 3), i, i));
        }
        List<ConsumedReading> all = at(1, 100, readings);

        writer.apply(all.subList(0, 10));
        writer.apply(all.subList(5, 15));

        RunStatistics statistics = statistics("run-1");
        assertThat(statistics.overall().temperature()).isEqualTo(new MeasureStatistics(15, 0.0, 14.0, 7.0));
        assertThat(statistics.sensors()).extracting(SensorStatistics::sensorId, SensorStatistics::count)
                .containsExactly(tuple("s-0", 5L), tuple("s-1", 5L), tuple("s-2", 5L));
        assertThat(statistics.series()).extracting(MinuteBucket::count).containsOnly(5L);
    }

    @Test
    void everyBatchReportsTheRunFiguresAndOnlyTheReadingsItCounted() {
        List<ConsumedReading> batch = at(0, 0, List.of(reading("run-1", "s-1", 0, 10.0),
                reading("run-1", "s-1", 1, 20.0), reading("run-2", "s-1", 0, 99.0)));

        var first = writer.apply(batch);
        var again = writer.apply(batch);

        assertThat(first.get("run-1").counted()).extracting(SensorReading::readingId)
                .containsExactly("run-1-s-1-0", "run-1-s-1-1");
        assertThat(first.get("run-1").run().temperature().sum()).isEqualTo(30.0);
        assertThat(first.get("run-2").counted()).hasSize(1);
        assertThat(again.get("run-1").counted()).isEmpty();
        assertThat(again.get("run-1").run().temperature().count()).isEqualTo(2);
    }

    @Test
    void bucketsHoldEachSensorsReadingsPerMinuteInMinuteThenSensorOrder() {
        writer.apply(at(0, 0, List.of(
                reading("run-1", "s-2", 5, 10.0),
                reading("run-1", "s-1", 10, 20.0),
                reading("run-1", "s-1", 59, 22.0),
                reading("run-1", "s-1", 60, 30.0),
                reading("run-1", "s-2", 119, 11.0),
                reading("run-1", "s-2", 125, 12.0))));

        List<MinuteBucket> series = statistics("run-1").series();

        assertThat(series).extracting(MinuteBucket::minute, MinuteBucket::sensorId, MinuteBucket::count)
                .containsExactly(
                        tuple(T0, "s-1", 2L), tuple(T0, "s-2", 1L),
                        tuple(T0.plusSeconds(60), "s-1", 1L), tuple(T0.plusSeconds(60), "s-2", 1L),
                        tuple(T0.plusSeconds(120), "s-2", 1L));
        assertThat(series.get(0).temperature()).isEqualTo(new MeasureStatistics(2, 20.0, 22.0, 21.0));
        assertThat(series.get(0).humidity()).isEqualTo(new MeasureStatistics(0, null, null, null));
    }

    @Test
    void runsAreKeptApart() {
        writer.apply(at(0, 0, List.of(reading("run-1", "s-1", 0, 10.0), reading("run-2", "s-1", 0, 50.0))));

        assertThat(statistics("run-1").overall().temperature().average()).isEqualTo(10.0);
        assertThat(statistics("run-2").overall().temperature().average()).isEqualTo(50.0);
        assertThat(statistics("run-2").series()).hasSize(1);
    }

    @Test
    void offsetsAreComparedWithinTheirOwnPartition() {
        writer.apply(at(0, 500, List.of(reading("run-1", "s-1", 0, 10.0))));
        writer.apply(at(3, 7, List.of(reading("run-1", "s-1", 1, 20.0))));

        assertThat(statistics("run-1").overall().count()).isEqualTo(2);
    }

    @Test
    void aRunWithoutReadingsHasZeroCountsAndNoSeries() {
        RunStatistics statistics = statistics("run-x");

        MeasureStatistics nothing = new MeasureStatistics(0, null, null, null);
        assertThat(statistics).isEqualTo(new RunStatistics("run-x",
                new SensorStatistics(null, 0, nothing, nothing, nothing), List.of(), List.of(), null));
    }

    @Test
    void consumersRacingOverTheSamePartitionCountEachReadingOnce() throws Exception {
        List<SensorReading> readings = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            readings.add(reading("run-1", "s-" + (i % 4), i, i % 10));
        }
        List<ConsumedReading> all = at(0, 0, readings);
        ExecutorService consumers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                work.add(() -> {
                    for (int from = 0; from < all.size(); from += 40) {
                        writer.apply(all.subList(from, Math.min(all.size(), from + 60)));
                    }
                    return null;
                });
            }
            for (Future<Void> done : consumers.invokeAll(work, 60, TimeUnit.SECONDS)) {
                done.get();
            }
        } finally {
            consumers.shutdownNow();
        }

        RunStatistics statistics = statistics("run-1");
        assertThat(statistics.overall().count()).isEqualTo(600);
        assertThat(statistics.overall().temperature()).isEqualTo(new MeasureStatistics(600, 0.0, 9.0, 4.5));
        assertThat(statistics.sensors()).extracting(SensorStatistics::count).containsOnly(150L);
        assertThat(statistics.series()).extracting(MinuteBucket::count).containsOnly(15L);
        assertThat(statistics.series()).hasSize(40);
    }

    /** The stale consumer is overtaken before its first bulk write (the buckets) or its second (the statistics). */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aConsumerWhoseReadWasOvertakenNeitherUndoesNorRepeatsTheOtherOnesWork(int overtakenAtWrite) {
        List<SensorReading> readings = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            readings.add(reading("run-1", "s-" + (i % 2), i, i % 7));
        }
        List<ConsumedReading> all = at(0, 0, readings);
        RunStatisticsWriter current = new RunStatisticsWriter(mongo.template());
        AtomicBoolean overtaken = new AtomicBoolean();
        AtomicInteger writes = new AtomicInteger();
        RunStatisticsWriter stale = new RunStatisticsWriter(new BeforeBulkWrite(mongo.template(), () -> {
            if (writes.incrementAndGet() == overtakenAtWrite && overtaken.compareAndSet(false, true)) {
                current.apply(all.subList(0, 100));
                current.apply(all.subList(100, 200));
            }
        }));

        stale.apply(all.subList(0, 100));

        assertThat(overtaken).isTrue();
        RunStatistics statistics = statistics("run-1");
        assertThat(statistics.overall().count()).isEqualTo(200);
        assertThat(statistics.sensors()).extracting(SensorStatistics::count).containsExactly(100L, 100L);
        assertThat(statistics.series()).extracting(MinuteBucket::count).containsExactly(30L, 30L, 30L, 30L, 30L, 30L, 10L, 10L);
    }

    private RunStatistics statistics(String runId) {
        return readModel.handle(new FindRunStatisticsQuery(runId));
    }

    /** A real template whose collections run {@code hook} before each bulk write, between a writer's read and write. */
    private static final class BeforeBulkWrite extends MongoTemplate {

        private final Runnable hook;

        BeforeBulkWrite(MongoTemplate template, Runnable hook) {
            super(template.getMongoDatabaseFactory());
            this.hook = hook;
        }

        @Override
        @SuppressWarnings("unchecked")
        public MongoCollection<Document> getCollection(String collectionName) {
            MongoCollection<Document> collection = super.getCollection(collectionName);
            return (MongoCollection<Document>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {MongoCollection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("bulkWrite")) {
                            hook.run();
                        }
                        try {
                            return method.invoke(collection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
