package io.axle.query.vehicle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.axle.api.vehicle.ObdFrame;
import io.axle.api.vehicle.WatchVehicleQuery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import io.axle.query.TopicRecords;
import io.axle.query.sensor.SensorReadModelConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the vehicle telemetry read models from the OBD-II frame topic, one poll at a time (one write batch per
 * collection), then sends the changed views to the vehicles' watchers. The container (the telemetry consumer's, see
 * {@link SensorReadModelConfiguration}) commits the poll's offsets only after this returns, and hands a failed poll
 * back to be retried: the writes are idempotent by frame id.
 *
 * <p>A record that is not a readable frame cannot become one by retrying: it is logged with its place on the topic,
 * counted in {@code vehicle_frames_unreadable} and skipped. {@code vehicle_frames_stored_lag} times each frame from its
 * acceptance by the gateway ({@code receivedAt}) to the end of its poll's writes.
 */
@Component
public class VehicleFramesListener {

    /** The listener container's id in Spring Kafka's registry. */
    static final String LISTENER_ID = "axle-vehicle-read-models";

    private static final Logger log = LoggerFactory.getLogger(VehicleFramesListener.class);

    private final ObjectReader frameReader;
    private final VehicleTelemetry telemetry;
    private final VehicleProjection vehicles;
    private final QueryUpdateEmitter updateEmitter;
    private final Counter unreadable;
    private final Timer lag;
    private final Clock clock;

    @Autowired
    public VehicleFramesListener(ObjectMapper objectMapper, VehicleTelemetry telemetry, VehicleProjection vehicles,
            QueryUpdateEmitter updateEmitter, MeterRegistry registry) {
        this(objectMapper, telemetry, vehicles, updateEmitter, registry, Clock.systemUTC());
    }

    VehicleFramesListener(ObjectMapper objectMapper, VehicleTelemetry telemetry, VehicleProjection vehicles,
            QueryUpdateEmitter updateEmitter, MeterRegistry registry, Clock clock) {
        this.frameReader = objectMapper.readerFor(ObdFrame.class);
        this.telemetry = telemetry;
        this.vehicles = vehicles;
        this.updateEmitter = updateEmitter;
        this.clock = clock;
        this.unreadable = Counter.builder("vehicle_frames_unreadable")
                .description("Records of the vehicle frame topic that are not readable OBD-II frames, skipped")
                .register(registry);
        this.lag = Timer.builder("vehicle_frames_stored_lag")
                .description("From a frame's acceptance by the gateway to its storage in the read models")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    @KafkaListener(id = LISTENER_ID,
            groupId = "${axle.vehicles.read-models.group:axle-vehicle-read-models}",
            topics = "${axle.vehicles.topic:axle.vehicle-frames}",
            containerFactory = SensorReadModelConfiguration.CONTAINER_FACTORY,
            concurrency = "${axle.vehicles.read-models.concurrency:1}",
            autoStartup = "${axle.vehicles.read-models.enabled:true}")
    void consume(List<ConsumerRecord<String, String>> records) {
        List<ObdFrame> frames = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            ObdFrame frame = TopicRecords.read(record, frameReader, VehicleFramesListener::missingField,
                    unreadable, log, "vehicle frame");
            if (frame != null) {
                frames.add(frame);
            }
        }
        store(frames);
    }

    /** Writes a poll of frames to the read models, then announces the vehicles they changed to their watchers. */
    void store(List<ObdFrame> frames) {
        Set<String> changed = telemetry.store(frames);
        Instant stored = clock.instant();
        for (ObdFrame frame : frames) {
            if (frame.receivedAt() != null) {
                lag.record(Duration.between(frame.receivedAt(), stored));
            }
        }
        Set<String> watched = watchedVehicles();
        vehicles.publish(changed.stream().filter(watched::contains).toList());
    }

    private Set<String> watchedVehicles() {
        Set<String> vehicleIds = new HashSet<>();
        for (SubscriptionQueryMessage<?, ?, ?> subscription : updateEmitter.activeSubscriptions()) {
            if (subscription.getPayload() instanceof WatchVehicleQuery watch) {
                vehicleIds.add(watch.vehicleId());
            }
        }
        return vehicleIds;
    }

    private static String missingField(ObdFrame frame) {
        if (frame == null) {
            return "null frame";
        }
        if (frame.frameId() == null) {
            return "no frameId";
        }
        if (frame.vehicleId() == null) {
            return "no vehicleId";
        }
        return frame.at() == null ? "no at" : null;
    }
}
