package io.axle.query.vehicle;

import static io.axle.query.vehicle.VehicleEvents.AT;
import static io.axle.query.vehicle.VehicleEvents.frame;
import static io.axle.query.vehicle.VehicleEvents.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.vehicle.FindVehicleQuery;
import io.axle.api.vehicle.FindVehicleTelemetryQuery;
import io.axle.api.vehicle.ObdFrame;
import io.axle.api.vehicle.VehicleSeries.Point;
import io.axle.api.vehicle.VehicleView;
import io.axle.api.vehicle.WatchVehicleQuery;
import io.axle.query.InMemoryMongo;
import io.axle.query.KafkaOffsets;
import io.axle.query.SubscriberProbe;
import io.axle.query.sensor.SensorReadModelConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The frame consumer end to end: JSON frames produced to a real (embedded KRaft) Kafka broker, consumed by the listener
 * container as configured for the application, and the vehicle read models on the embedded MongoDB server catching up.
 */
@SpringBootTest(classes = VehicleFramesKafkaTest.Wiring.class, properties = {
        "axle.vehicles.read-models.raw-retention=3650d",
        "axle.telemetry.consumer.enabled=false"})
@EmbeddedKafka(kraft = true, partitions = 2, topics = VehicleFramesKafkaTest.TOPIC,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class VehicleFramesKafkaTest {

    static final String TOPIC = "axle.vehicle-frames";
    private static final String GROUP = "axle-vehicle-read-models";
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    @Autowired
    private KafkaTemplate<String, String> producer;
    @Autowired
    private ObjectMapper objectMapper;
    @Autowired
    private VehicleProjection vehicles;
    @Autowired
    private VehicleTelemetry telemetry;
    @Autowired
    private QueryUpdateEmitter updateEmitter;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private MongoTemplate mongo;
    @Autowired
    private EmbeddedKafkaBroker broker;

    @Test
    void producedFramesReachTheSeriesAndTheLatestReadingsOnceAndTheirOffsetsAreCommitted() throws Exception {
        vehicles.on(registered("v-1"), 0, AT);
        vehicles.on(registered("v-2", "WVWZZZ1JZXW000001", "EF-456-GH", "VW", "c-2"), 0, AT);
        SubscriberProbe<VehicleView> watching =
                SubscriberProbe.subscribe(updateEmitter, new WatchVehicleQuery("v-1"), VehicleView.class);
        List<ObdFrame> frames = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            frames.add(frame("v-1-" + i, "v-1", i, Map.of("rpm", 1000.0 + i, "speedKmh", (double) (i % 60))));
            frames.add(frame("v-2-" + i, "v-2", i, Map.of("coolantC", 20.0 + i)));
        }

        produce(frames);
        produce(frames.subList(10, 30));
        producer.send(TOPIC, "v-1", "{not json").get();

        await().atMost(CATCH_UP).until(() -> committed().equals(endOffsets()));
        assertThat(mongo.count(new Query(), VehicleTelemetry.FRAMES)).isEqualTo(240);
        assertThat(series("v-1", "rpm", "1m")).containsExactly(
                new Point(AT, 1000.0, 1059.0, 1029.5, 60),
                new Point(AT.plusSeconds(60), 1060.0, 1119.0, 1089.5, 60));
        assertThat(series("v-2", "coolantC", "1h")).containsExactly(new Point(AT, 20.0, 139.0, 79.5, 120));
        VehicleView vehicle = vehicles.handle(new FindVehicleQuery("v-1"));
        assertThat(vehicle.lastSeenAt()).isEqualTo(AT.plusSeconds(119));
        assertThat(vehicle.latest().rpm()).isEqualTo(1119.0);
        assertThat(vehicle.latest().speedKmh()).isEqualTo(59.0);
        assertThat(meters.counter("vehicle_frames_unreadable").count()).isEqualTo(1);
        assertThat(watching.updates()).isNotEmpty()
                .allSatisfy(view -> assertThat(view.vehicleId()).isEqualTo("v-1"));
    }

    private List<Point> series(String vehicleId, String measure, String resolution) {
        return telemetry.handle(new FindVehicleTelemetryQuery(vehicleId, measure, AT, AT.plusSeconds(3600),
                resolution)).points();
    }

    private void produce(List<ObdFrame> frames) throws Exception {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (ObdFrame frame : frames) {
            sends.add(producer.send(TOPIC, frame.vehicleId(), objectMapper.writeValueAsString(frame)));
        }
        for (var send : sends) {
            send.get();
        }
    }

    private Map<TopicPartition, Long> committed() throws Exception {
        return new KafkaOffsets(broker, TOPIC, 2).committed(GROUP);
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        return new KafkaOffsets(broker, TOPIC, 2).end();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({JacksonAutoConfiguration.class, KafkaAutoConfiguration.class})
    @Import({SensorReadModelConfiguration.class, VehicleFramesListener.class, VehicleTelemetry.class,
            VehicleProjection.class, OnlineVehicles.class})
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
