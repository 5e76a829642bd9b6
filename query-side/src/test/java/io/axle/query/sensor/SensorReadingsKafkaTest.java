package io.axle.query.sensor;

import static io.axle.query.sensor.Readings.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.sensor.FindReadingsQuery;
import io.axle.api.sensor.FindRunStatisticsQuery;
import io.axle.api.sensor.MeasureStatistics;
import io.axle.api.sensor.RunStatistics;
import io.axle.api.sensor.SensorReading;
import io.axle.api.sensor.SensorStatistics;
import io.axle.api.sensor.WatchRunReadingsQuery;
import io.axle.query.InMemoryMongo;
import io.axle.query.KafkaOffsets;
import io.axle.query.SubscriberProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The consumer end to end: JSON readings produced to a real (embedded KRaft) Kafka broker, consumed by the listener
 * container as configured for the application, and the read models on the embedded MongoDB server catching up.
 */
@SpringBootTest(classes = SensorReadingsKafkaTest.Wiring.class, properties = {
        "axle.telemetry.consumer.concurrency=2",
        "axle.telemetry.consumer.max-poll-records=250"})
@EmbeddedKafka(kraft = true, partitions = 4, topics = SensorReadingsKafkaTest.TOPIC,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class SensorReadingsKafkaTest {

    static final String TOPIC = "axle.sensor-readings";
    private static final String GROUP = "axle-sensor-read-models";
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    @Autowired
    private KafkaTemplate<String, String> producer;
    @Autowired
    private ObjectMapper objectMapper;
    @Autowired
    private SensorReadModel readModel;
    @Autowired
    private QueryUpdateEmitter updateEmitter;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private MongoTemplate mongo;
    @Autowired
    private KafkaListenerEndpointRegistry listeners;
    @Autowired
    private EmbeddedKafkaBroker broker;

    @Test
    void producedReadingsReachEveryReadModelAndTheirOffsetsAreCommitted() throws Exception {
        String run = "run-" + UUID.randomUUID();
        String other = "run-" + UUID.randomUUID();
        SubscriberProbe<SensorReading> watching =
                SubscriberProbe.subscribe(updateEmitter, new WatchRunReadingsQuery(run), SensorReading.class);
        List<SensorReading> readings = readings(run, 3, 400);
        readings.addAll(readings(other, 2, 100));
        double unreadableBefore = meters.counter("sensor_readings_unreadable").count();

        produce(readings);
        producer.send(TOPIC, run, "{not json").get();
        producer.send(TOPIC, run, "{\"runId\":\"" + run + "\",\"sensorId\":\"s-0\",\"temperature\":1.0}").get();

        await().atMost(CATCH_UP).until(() -> statistics(run).overall().count() == 1200
                && statistics(other).overall().count() == 200);
        RunStatistics statistics = statistics(run);
        assertThat(statistics.overall().temperature()).isEqualTo(expectedTemperature(readings, run));
        assertThat(statistics.sensors()).extracting(SensorStatistics::count).containsExactly(400L, 400L, 400L);
        assertThat(statistics.series()).hasSize(3 * 20);
        assertThat(readModel.page(new FindReadingsQuery(run, "s-1", null, null, 0, 200)).totalElements())
                .isEqualTo(400);
        assertThat(gauge(run)).isEqualTo(statistics.overall().temperature().average());
        await().atMost(CATCH_UP).until(() -> watching.updates().size() == 1200);
        assertThat(watching.updates()).extracting(SensorReading::runId).containsOnly(run);
        assertThat(watching.updates().stream().map(SensorReading::readingId).distinct().count()).isEqualTo(1200);
        await().atMost(CATCH_UP).until(() -> meters.counter("sensor_readings_unreadable").count()
                == unreadableBefore + 2);
        await().atMost(CATCH_UP).until(() -> committed().equals(endOffsets()));
    }

    @Test
    void readingsDeliveredAgainAfterTheGroupIsRewoundAreNotCountedTwice() throws Exception {
        String run = "run-" + UUID.randomUUID();
        List<SensorReading> first = readings(run, 2, 150);
        produce(first);
        await().atMost(CATCH_UP).until(() -> statistics(run).overall().count() == 300);
        await().atMost(CATCH_UP).until(() -> committed().equals(endOffsets()));
        RunStatistics before = statistics(run);
        long storedBefore = mongo.count(new Query(), RawReadings.COLLECTION);

        MessageListenerContainer container = listeners.getListenerContainer(SensorReadingsListener.LISTENER_ID);
        container.stop();
        rewindGroup();
        SubscriberProbe<SensorReading> watching =
                SubscriberProbe.subscribe(updateEmitter, new WatchRunReadingsQuery(run), SensorReading.class);
        container.start();
        List<SensorReading> more = readings(run, 2, 10);
        more.replaceAll(reading -> new SensorReading(reading.readingId() + "-late", reading.runId(),
                reading.sensorId(), reading.source(), reading.timestamp().plusSeconds(3600), reading.receivedAt(),
                reading.temperature() + 1, reading.humidity(), reading.pressure()));
        produce(more);

        await().atMost(CATCH_UP).until(() -> statistics(run).overall().count() == 320);
        await().atMost(CATCH_UP).until(() -> committed().equals(endOffsets()));
        List<SensorReading> all = new ArrayList<>(first);
        all.addAll(more);
        RunStatistics after = statistics(run);
        assertThat(after.overall().temperature()).isEqualTo(expectedTemperature(all, run));
        assertThat(after.sensors()).extracting(SensorStatistics::count).containsExactly(160L, 160L);
        assertThat(after.series().subList(0, before.series().size())).isEqualTo(before.series());
        assertThat(mongo.count(new Query(), RawReadings.COLLECTION)).isEqualTo(storedBefore + 20);
        assertThat(watching.updates()).extracting(SensorReading::readingId)
                .containsExactlyInAnyOrderElementsOf(more.stream().map(SensorReading::readingId).toList());
    }

    /** A device resending after a lost acknowledgement, or a gateway retry, puts the same reading on the topic again. */
    @Test
    void aReadingOnTheTopicTwiceAtDifferentOffsetsIsCountedOnce() throws Exception {
        String run = "run-" + UUID.randomUUID();
        List<SensorReading> readings = readings(run, 2, 50);
        produce(readings);
        produce(readings.subList(10, 30));

        await().atMost(CATCH_UP).until(() -> committed().equals(endOffsets()));
        RunStatistics statistics = statistics(run);
        assertThat(statistics.overall().count()).isEqualTo(100);
        assertThat(statistics.overall().temperature()).isEqualTo(expectedTemperature(readings, run));
        assertThat(statistics.sensors()).extracting(SensorStatistics::count).containsExactly(50L, 50L);
        assertThat(readModel.page(new FindReadingsQuery(run, null, null, null, 0, 200)).totalElements())
                .isEqualTo(100);
    }

    /** {@code sensors} sensors of the run each reading every 3 seconds, temperatures repeating over 16 values. */
    private static List<SensorReading> readings(String runId, int sensors, int perSensor) {
        List<SensorReading> readings = new ArrayList<>();
        for (int i = 0; i < perSensor; i++) {
            for (int s = 0; s < sensors; s++) {
                readings.add(new SensorReading(UUID.randomUUID().toString(), runId, "s-" + s, "device-" + s,
                        T0.plusSeconds(3L * i), T0.plusSeconds(3L * i).plusMillis(20), 15.0 + (i * 7 + s) % 16 * 0.5,
                        s == 0 ? 40.0 + i % 3 : null, null));
            }
        }
        return readings;
    }

    private static MeasureStatistics expectedTemperature(List<SensorReading> readings, String runId) {
        List<Double> temperatures = readings.stream().filter(r -> r.runId().equals(runId))
                .map(SensorReading::temperature).toList();
        double sum = 0;
        for (double t : temperatures) {
            sum += t;
        }
        return new MeasureStatistics(temperatures.size(),
                temperatures.stream().min(Double::compare).orElseThrow(),
                temperatures.stream().max(Double::compare).orElseThrow(), sum / temperatures.size());
    }

    private void produce(List<SensorReading> readings) throws Exception {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (SensorReading reading : readings) {
            sends.add(producer.send(TOPIC, reading.runId(), objectMapper.writeValueAsString(reading)));
        }
        for (var send : sends) {
            send.get();
        }
    }

    private RunStatistics statistics(String runId) {
        return readModel.handle(new FindRunStatisticsQuery(runId));
    }

    private Double gauge(String runId) {
        var gauge = meters.find(TemperatureGauges.NAME).tag("runId", runId).gauge();
        return gauge == null ? null : gauge.value();
    }

    private Admin admin() {
        return new KafkaOffsets(broker, TOPIC, 4).admin();
    }

    private Map<TopicPartition, Long> committed() throws Exception {
        return new KafkaOffsets(broker, TOPIC, 4).committed(GROUP);
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        return new KafkaOffsets(broker, TOPIC, 4).end();
    }

    /** Moves the group back to the start of every partition, as a lost commit or a rebalance would. */
    private void rewindGroup() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        for (int p = 0; p < 4; p++) {
            start.put(new TopicPartition(TOPIC, p), new OffsetAndMetadata(0));
        }
        try (Admin admin = admin()) {
            await().atMost(CATCH_UP).ignoreExceptions().until(() -> {
                admin.alterConsumerGroupOffsets(GROUP, start).all().get();
                return true;
            });
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({JacksonAutoConfiguration.class, KafkaAutoConfiguration.class})
    @Import({SensorReadModelConfiguration.class, SensorReadingsListener.class, RawReadings.class,
            RunStatisticsWriter.class, SensorReadModel.class, TemperatureGauges.class})
    static class Wiring {

        @Bean(destroyMethod = "close")
        InMemoryMongo inMemoryMongo() {
            return InMemoryMongo.start();
        }

        @Bean
        MongoTemplate mongoTemplate(InMemoryMongo mongo) {
            return mongo.template();
        }

        @Bean
        QueryUpdateEmitter queryUpdateEmitter() {
            return SimpleQueryUpdateEmitter.builder().build();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
