package io.axle.query.sensor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.InsertManyOptions;
import io.axle.api.sensor.SensorReading;
import io.axle.platform.storage.EmbeddedMongoAutoConfiguration;
import io.axle.query.InMemoryMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * How fast the telemetry consumer's write path stores readings in the read models (raw documents, minute buckets,
 * statistics: one bulk write per collection per poll), on the application's embedded MongoDB server (H2 file backend
 * committing every write) and on the same server in memory; beside it, the raw bulk-insert rate of the same server
 * for documents of the same size, and the ratio of the two.
 *
 * <p>Run on the query side's test classpath: {@code java -cp <classpath> io.axle.query.sensor.SensorReadModelWriteBenchmark
 * [readings=100000] [poll=2000] [ids=random|time-ordered] [runs=5] [sensors per run=20]}; {@code ids} chooses random
 * (UUID v4) or time-ordered reading ids, which decides where in the id index each new document lands.
 */
public final class SensorReadModelWriteBenchmark {

    public static void main(String[] args) throws Exception {
        int readings = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int poll = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        boolean timeOrdered = args.length > 2 && args[2].equals("time-ordered");
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int sensors = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        List<ConsumedReading> stream = stream(readings, runs, sensors, timeOrdered);
        List<ConsumedReading> warmUp = stream(Math.max(10_000, readings / 5), runs, sensors, timeOrdered);

        System.out.printf("Sensor read-model write benchmark: %d readings, %d per poll, %s reading ids, %d runs x %d "
                + "sensors, %d cores%n", readings, poll, timeOrdered ? "time-ordered" : "random", runs, sensors,
                Runtime.getRuntime().availableProcessors());
        Path dataDir = Files.createTempDirectory("axle-sensor-bench");
        try (ConfigurableApplicationContext durable = new SpringApplicationBuilder(DurableMongo.class)
                .web(WebApplicationType.NONE)
                .run("--axle.data-dir=" + dataDir, "--spring.data.mongodb.database=axle-benchmark",
                        "--spring.main.banner-mode=off", "--logging.level.root=WARN")) {
            measure("embedded server, H2 file (DurableH2Backend)", durable.getBean(MongoTemplate.class), stream,
                    warmUp, poll);
            try (var files = Files.walk(dataDir)) {
                long bytes = files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
                if (bytes == 0) {
                    throw new IllegalStateException("The embedded server wrote nothing under " + dataDir);
                }
                System.out.printf("    H2 file size at the end                        %10.1f MB%n", bytes / 1e6);
            }
        } finally {
            FileSystemUtils.deleteRecursively(dataDir);
        }
        try (InMemoryMongo memory = InMemoryMongo.start()) {
            measure("embedded server, memory backend", memory.template(), stream, warmUp, poll);
        }
    }

    private static void measure(String label, MongoTemplate mongo, List<ConsumedReading> stream,
            List<ConsumedReading> warmUp, int poll) {
        RawReadings raw = new RawReadings(mongo);
        raw.createIndexes();
        RunStatisticsWriter statistics = new RunStatisticsWriter(mongo);
        statistics.createIndexes();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SensorReadingsListener listener = new SensorReadingsListener(new ObjectMapper(), raw, statistics,
                SimpleQueryUpdateEmitter.builder().build(), new TemperatureGauges(meters, Duration.ofMinutes(10)),
                meters);

        inPolls(warmUp, poll, listener::store);
        inPolls(warmUp, poll, batch -> plainInsert(mongo, batch));
        mongo.getDb().drop();
        raw.createIndexes();
        statistics.createIndexes();

        double peer = rate(stream, poll, batch -> plainInsert(mongo, batch));
        double all = rate(stream, poll, listener::store);
        double rawOnly = rate(copy(stream, "-raw"), poll,
                raw::insert);
        double statisticsOnly = rate(shifted(stream, 1_000_000_000L), poll, statistics::apply);
        long pollCount = (stream.size() + poll - 1) / poll;

        System.out.println();
        System.out.println("  " + label);
        System.out.printf("    readings stored/s (raw + buckets + statistics)  %10.0f%n", all);
        System.out.printf("      raw documents only                          %10.0f%n", rawOnly);
        System.out.printf("      buckets + statistics only                   %10.0f%n", statisticsOnly);
        System.out.printf("    peer: plain bulk insert of the same documents  %10.0f docs/s (%d inserts of %d)%n",
                peer, pollCount, poll);
        System.out.printf("    ratio stored/s : peer                          %10.2f%n", all / peer);
    }

    /** The documents the consumer stores, in one plain unordered insert into a collection of their own. */
    private static void plainInsert(MongoTemplate mongo, List<ConsumedReading> batch) {
        List<Document> documents = new ArrayList<>(batch.size());
        for (ConsumedReading consumed : batch) {
            documents.add(RawReadings.toDocument(consumed));
        }
        mongo.getCollection("bench_plain_inserts").insertMany(documents, new InsertManyOptions().ordered(false));
    }

    private static double rate(List<ConsumedReading> stream, int poll, Consumer<List<ConsumedReading>> write) {
        long start = System.nanoTime();
        inPolls(stream, poll, write);
        return stream.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static void inPolls(List<ConsumedReading> stream, int poll, Consumer<List<ConsumedReading>> write) {
        for (int from = 0; from < stream.size(); from += poll) {
            write.accept(stream.subList(from, Math.min(stream.size(), from + poll)));
        }
    }

    /** Readings of {@code runs} runs interleaved as a topic of four partitions would hold them, one a second per sensor. */
    private static List<ConsumedReading> stream(int count, int runs, int sensors, boolean timeOrdered) {
        Instant start = Instant.parse("2026-03-02T09:00:00Z");
        String[] runIds = new String[runs];
        for (int r = 0; r < runs; r++) {
            runIds[r] = UUID.randomUUID().toString();
        }
        long[] offsets = new long[4];
        List<ConsumedReading> stream = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int run = i % runs;
            int sensor = (i / runs) % sensors;
            long second = i / ((long) runs * sensors);
            int partition = run % 4;
            String readingId = timeOrdered ? String.format("%012x-%08x-%s", System.currentTimeMillis(), i,
                    UUID.randomUUID().toString().substring(0, 8)) : UUID.randomUUID().toString();
            SensorReading reading = new SensorReading(readingId, runIds[run], "sensor-" + sensor,
                    "bench", start.plusSeconds(second), start.plusSeconds(second), 15 + (i % 200) / 10.0,
                    40.0 + i % 30, 1000.0 + i % 25);
            stream.add(new ConsumedReading(reading, partition, offsets[partition]++));
        }
        return stream;
    }

    private static List<ConsumedReading> copy(List<ConsumedReading> stream, String suffix) {
        return stream.stream().map(c -> new ConsumedReading(new SensorReading(c.reading().readingId() + suffix,
                c.reading().runId(), c.reading().sensorId(), c.reading().source(), c.reading().timestamp(),
                c.reading().receivedAt(), c.reading().temperature(), c.reading().humidity(), c.reading().pressure()),
                c.partition(), c.offset())).toList();
    }

    private static List<ConsumedReading> shifted(List<ConsumedReading> stream, long offsetShift) {
        return stream.stream().map(c -> new ConsumedReading(c.reading(), c.partition(), c.offset() + offsetShift))
                .toList();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({EmbeddedMongoAutoConfiguration.class, MongoAutoConfiguration.class,
            MongoDataAutoConfiguration.class})
    static class DurableMongo {
    }
}
