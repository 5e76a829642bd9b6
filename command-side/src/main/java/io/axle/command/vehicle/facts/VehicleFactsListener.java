package io.axle.command.vehicle.facts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.axle.api.common.Refusal;
import io.axle.api.vehicle.ObdFrame;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.List;

/**
 * The vehicle-facts watcher: reads each {@link ObdFrame} of the vehicle frames topic and sends the vehicle the
 * {@code ReportTroubleCodesCommand} and {@code ReportThresholdCommand} that {@link FactsWatch} finds it calls for,
 * one at a time, waiting for each to be accepted; the container commits the frame's offset only after this returns.
 * A command the vehicle refuses (a {@link Refusal}: an unknown vehicle, a malformed code) or a record that is no frame
 * is logged with its place on the topic, counted in {@code vehicle_frames_failed} and skipped; any other failure is
 * thrown, retried a few times by the container and then counted and skipped the same way
 * ({@link VehicleFactsConfiguration}).
 */
@Component
public class VehicleFactsListener {

    /** The listener container's id in Spring Kafka's registry. */
    public static final String LISTENER_ID = "axle-vehicle-facts";

    private static final Logger log = LoggerFactory.getLogger(VehicleFactsListener.class);

    private final ObjectReader frameReader;
    private final FactsWatch watch;
    private final VehicleLimits limits;
    private final CommandGateway commandGateway;
    private final Counter failed;
    private final Counter sent;

    public VehicleFactsListener(ObjectMapper objectMapper, FactsWatch watch, VehicleLimits limits,
                                CommandGateway commandGateway, MeterRegistry registry) {
        this.frameReader = objectMapper.readerFor(ObdFrame.class);
        this.watch = watch;
        this.limits = limits;
        this.commandGateway = commandGateway;
        this.failed = failedCounter(registry);
        this.sent = Counter.builder("vehicle_facts_sent")
                .description("Trouble code and threshold reports sent to vehicles by the vehicle-facts watcher")
                .register(registry);
    }

    /** The counter of frames the watcher gave up on. */
    static Counter failedCounter(MeterRegistry registry) {
        return Counter.builder("vehicle_frames_failed")
                .description("Vehicle frames the vehicle-facts watcher could not apply, logged and skipped")
                .register(registry);
    }

    @KafkaListener(id = LISTENER_ID,
            groupId = "${axle.vehicles.facts.group:axle-vehicle-facts}",
            topics = "${axle.vehicles.topic:axle.vehicle-frames}",
            containerFactory = VehicleFactsConfiguration.CONTAINER_FACTORY,
            autoStartup = "${axle.vehicles.facts.enabled:true}")
    void consume(ConsumerRecord<String, String> record) {
        ObdFrame frame = read(record);
        if (frame != null) {
            apply(frame, record.topic() + "-" + record.partition() + " offset " + record.offset());
        }
    }

    /** Sends what {@code frame} changes; a refusal is logged, counted and skipped, anything else thrown. */
    void apply(ObdFrame frame, String place) {
        List<Object> commands = watch.changes(frame, limits.of(frame.vehicleId()));
        for (Object command : commands) {
            try {
                commandGateway.sendAndWait(command);
            } catch (CommandExecutionException | AggregateNotFoundException refused) {
                if (refused instanceof CommandExecutionException failure
                        && failure.getDetails().filter(Refusal.class::isInstance).isEmpty()) {
                    throw failure;
                }
                failed.increment();
                log.warn("Vehicle {} refused what frame {} at {} reported: {}", frame.vehicleId(), frame.frameId(),
                        place, refused.getMessage());
                return;
            }
            watch.told(command);
            sent.increment();
        }
    }

    private ObdFrame read(ConsumerRecord<String, String> record) {
        String problem;
        if (record.value() == null) {
            problem = "no value";
        } else {
            try {
                ObdFrame frame = frameReader.readValue(record.value());
                problem = frame == null ? "null frame" : frame.vehicleId() == null ? "no vehicleId"
                        : frame.frameId() == null ? "no frameId" : frame.at() == null ? "no at" : null;
                if (problem == null) {
                    return frame;
                }
            } catch (IOException e) {
                problem = e.getMessage();
            }
        }
        failed.increment();
        log.warn("Skipping unreadable vehicle frame at {}-{} offset {}: {}", record.topic(), record.partition(),
                record.offset(), problem);
        return null;
    }
}
