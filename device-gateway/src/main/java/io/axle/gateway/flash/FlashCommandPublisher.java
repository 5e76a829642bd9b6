package io.axle.gateway.flash;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.flash.FlashStepRequestedEvent;
import io.axle.api.flash.FlashTopics;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Sends each requested flash step to the job's dongle ({@link DongleFlashCommand} on
 * {@code axle/dongles/{dongleId}/flash/commands}, QoS 1). A tracking processor of its own ({@value #PROCESSING_GROUP}),
 * so one node sends each step; never replayed, so that a replay does not send old steps to ECUs again. A publish that
 * fails throws: the processor retries the event, and the dongle, whose steps are idempotent, may see a step twice.
 * A step requested more than {@link #MAX_AGE} ago is not sent (logged): a processor catching up, its token lost, must
 * not send old steps to ECUs; the job's step deadline has passed long before, and it asks again if it still waits.
 */
@Component
@ProcessingGroup(FlashCommandPublisher.PROCESSING_GROUP)
@DisallowReplay
public class FlashCommandPublisher {

    public static final String PROCESSING_GROUP = "flash-commands";
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(FlashCommandPublisher.class);

    private final DeviceCommands devices;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    @Autowired
    public FlashCommandPublisher(DeviceCommands devices, ObjectMapper objectMapper) {
        this(devices, objectMapper, Clock.systemUTC());
    }

    FlashCommandPublisher(DeviceCommands devices, ObjectMapper objectMapper, Clock clock) {
        this.devices = devices;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    @EventHandler
    void on(FlashStepRequestedEvent event) {
        if (event.requestedAt().isBefore(clock.instant().minus(MAX_AGE))) {
            log.warn("Flash job {}: step {} attempt {} requested at {} not sent: older than {}", event.flashJobId(),
                    event.step(), event.attempt(), event.requestedAt(), MAX_AGE);
            return;
        }
        byte[] payload;
        try {
            payload = objectMapper.writeValueAsBytes(DongleFlashCommand.of(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The flash command of job " + event.flashJobId() + " cannot be written", e);
        }
        String topic = new FlashTopics(event.dongleId()).commands();
        devices.publish(topic, payload);
        log.debug("Flash job {}: step {} attempt {} sent on {}", event.flashJobId(), event.step(), event.attempt(),
                topic);
    }
}
