package io.axle.command.vehicle.facts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.common.Refusal;
import io.axle.api.vehicle.ObdFrame;
import io.axle.api.vehicle.ReportThresholdCommand;
import io.axle.api.vehicle.ReportTroubleCodesCommand;
import io.axle.api.vehicle.VehicleThresholdSetEvent;
import io.axle.command.vehicle.VehicleAlarmRules;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watcher end to end on a real (embedded KRaft) Kafka broker: frames as JSON on the topic, commands on an Axon
 * command bus whose handlers record them (and refuse an unknown vehicle), offsets committed once handled.
 */
@SpringBootTest(classes = VehicleFactsKafkaTest.Wiring.class, properties = "axle.vehicles.facts.retry-interval=100ms")
@EmbeddedKafka(kraft = true, partitions = 2, topics = VehicleFactsKafkaTest.TOPIC,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class VehicleFactsKafkaTest {

    static final String TOPIC = "axle.vehicle-frames";
    private static final String GROUP = "axle-vehicle-facts";
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Queue<Object> RECEIVED = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger FLAKY_ATTEMPTS = new AtomicInteger();

    @Autowired
    private KafkaTemplate<String, String> producer;
    @Autowired
    private ObjectMapper objectMapper;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private EmbeddedKafkaBroker broker;
    @Autowired
    private EventStore eventStore;

    private int frames;

    private void send(String vehicleId, Map<String, Double> values, List<String> codes) throws Exception {
        send(vehicleId, vehicleId, values, codes);
    }

    /** Sends a frame of {@code vehicleId} under record key {@code key} (the partition it goes to). */
    private void send(String key, String vehicleId, Map<String, Double> values, List<String> codes)
            throws Exception {
        frames++;
        ObdFrame frame = new ObdFrame("f-" + frames, vehicleId, "dongle", T0.plusSeconds(frames),
                T0.plusSeconds(frames), values, codes);
        producer.send(TOPIC, key, objectMapper.writeValueAsString(frame)).get();
    }

    private List<Object> receivedFor(String vehicleId) {
        return RECEIVED.stream().filter(c -> vehicleId.equals(c instanceof ReportThresholdCommand t ? t.vehicleId()
                : ((ReportTroubleCodesCommand) c).vehicleId())).toList();
    }

    @Test
    void onlyChangesBecomeCommandsAndRefusedOrUnreadableFramesAreCountedAndSkipped() throws Exception {
        double failedBefore = meters.counter("vehicle_frames_failed").count();
        send("v-1", Map.of("coolantC", 100.0), List.of("P0133"));
        send("v-1", Map.of("coolantC", 112.0), List.of("P0133"));
        send("v-1", Map.of("coolantC", 108.0), List.of("P0133"));
        send("v-unknown", Map.of("coolantC", 120.0), null);
        producer.send(TOPIC, "v-1", "{not json").get();
        send("v-1", Map.of("coolantC", 104.0), List.of());

        await().atMost(CATCH_UP).until(() -> receivedFor("v-1").size() == 5);
        List<Object> v1 = receivedFor("v-1");
        assertThat(v1).hasSize(5);
        assertThat(v1.get(0)).isInstanceOfSatisfying(ReportTroubleCodesCommand.class,
                c -> assertThat(c.codes()).containsExactly("P0133"));
        assertThat(v1.get(1)).isInstanceOfSatisfying(ReportThresholdCommand.class,
                c -> assertThat(c.crossed()).isFalse());
        assertThat(v1.get(2)).isInstanceOfSatisfying(ReportThresholdCommand.class,
                c -> assertThat(c.crossed()).isTrue());
        assertThat(v1.get(3)).isInstanceOfSatisfying(ReportTroubleCodesCommand.class,
                c -> assertThat(c.codes()).isEmpty());
        assertThat(v1.get(4)).isInstanceOfSatisfying(ReportThresholdCommand.class, c -> {
            assertThat(c.crossed()).isFalse();
            assertThat(c.value()).isEqualTo(104.0);
        });
        await().atMost(CATCH_UP).until(() -> meters.counter("vehicle_frames_failed").count() == failedBefore + 2);
        await().atMost(CATCH_UP).until(() -> committed().equals(endOffsets()));
    }

    @Test
    void aVehiclesOwnLimitFromItsEventsReplacesTheFleets() throws Exception {
        DefaultUnitOfWork.startAndGet(null).execute(() -> eventStore.publish(new GenericDomainEventMessage<>(
                "Vehicle", "v-2", 0, new VehicleThresholdSetEvent("v-2", "coolant-high", 105.0, "alice", T0))));

        send("v-2", Map.of("coolantC", 106.0), null);

        await().atMost(CATCH_UP).until(() -> receivedFor("v-2").size() == 1);
        assertThat(receivedFor("v-2").get(0)).isInstanceOfSatisfying(ReportThresholdCommand.class, c -> {
            assertThat(c.crossed()).isTrue();
            assertThat(c.limit()).isEqualTo(105.0);
        });
    }

    @Test
    void aFrameFailingOtherwiseThanByARefusalIsTriedAgainThenCountedAndSkipped() throws Exception {
        double failedBefore = meters.counter("vehicle_frames_failed").count();
        send("v-flaky", Map.of("coolantC", 120.0), null);
        send("v-flaky", "v-3", Map.of("coolantC", 120.0), null);

        await().atMost(CATCH_UP).until(() -> receivedFor("v-3").size() == 1);
        // the next record of the same partition is handled only once the failing one was given up
        assertThat(FLAKY_ATTEMPTS.get()).as("once and three retries").isEqualTo(4);
        assertThat(meters.counter("vehicle_frames_failed").count()).isGreaterThanOrEqualTo(failedBefore + 1);
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }

    private Map<TopicPartition, Long> committed() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (int p = 0; p < 2; p++) {
                OffsetAndMetadata offset = committed.get(new TopicPartition(TOPIC, p));
                offsets.put(new TopicPartition(TOPIC, p), offset == null ? 0 : offset.offset());
            }
            return offsets;
        }
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 2; p++) {
                latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({JacksonAutoConfiguration.class, KafkaAutoConfiguration.class})
    @Import({VehicleFactsConfiguration.class, VehicleFactsListener.class, VehicleLimits.class})
    static class Wiring {

        @Bean
        VehicleAlarmRules vehicleAlarmRules() {
            return new VehicleAlarmRules(Map.of("coolant-high",
                    new VehicleAlarmRules.Alarm("coolantC", 110.0, null, 5.0)));
        }

        @Bean
        EventStore eventStore() {
            return EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        }

        /** A real command bus whose handlers record what the vehicles are told and refuse an unknown vehicle. */
        @Bean
        CommandGateway commandGateway() {
            SimpleCommandBus bus = SimpleCommandBus.builder().build();
            for (Class<?> type : List.of(ReportThresholdCommand.class, ReportTroubleCodesCommand.class)) {
                bus.subscribe(type.getName(), (CommandMessage<?> message) -> {
                    Object command = message.getPayload();
                    String vehicleId = command instanceof ReportThresholdCommand t ? t.vehicleId()
                            : ((ReportTroubleCodesCommand) command).vehicleId();
                    if (vehicleId.equals("v-flaky")) {
                        FLAKY_ATTEMPTS.incrementAndGet();
                        throw new CommandExecutionException("the store is away", null);
                    }
                    if (vehicleId.equals("v-unknown")) {
                        throw new CommandExecutionException("no vehicle " + vehicleId, null,
                                new Refusal(404, "vehicleId", "must-exist", "no vehicle " + vehicleId));
                    }
                    RECEIVED.add(command);
                    return null;
                });
            }
            return DefaultCommandGateway.builder().commandBus(bus).build();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
