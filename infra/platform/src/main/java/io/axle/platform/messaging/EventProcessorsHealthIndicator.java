package io.axle.platform.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code eventProcessors} component of {@code /actuator/health}: {@code DEGRADED} (still HTTP 200: the node serves,
 * its read models or processes lag) while a processor is in error, typically retrying in place because a store is away,
 * or while a processing group holds dead letters; {@code UP} otherwise. The details (administrators only) name each
 * processor with its kind, whether it runs, its claimed segments, whether it is caught up or replaying, the error of a
 * failing segment and the number of dead letters.
 */
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    /** Working, with something behind or waiting: an administrator should look at the details. */
    public static final Status DEGRADED = new Status("DEGRADED",
            "An event processor is retrying after an error, or events wait in a dead-letter queue");

    private final Supplier<EventProcessingConfiguration> processing;
    private final DeadLetters deadLetters;

    public EventProcessorsHealthIndicator(Supplier<EventProcessingConfiguration> processing, DeadLetters deadLetters) {
        super("Event processors could not be inspected");
        this.processing = processing;
        this.deadLetters = deadLetters;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Long> lettersByGroup = deadLetters.sizes();
        Map<String, Object> processors = new TreeMap<>();
        boolean degraded = false;
        for (Map.Entry<String, EventProcessor> entry : processing.get().eventProcessors().entrySet()) {
            Map<String, Object> details = new LinkedHashMap<>();
            EventProcessor processor = entry.getValue();
            details.put("kind", processor instanceof TrackingEventProcessor ? "tracking"
                    : processor instanceof StreamingEventProcessor ? "pooled" : "subscribing");
            details.put("running", processor.isRunning());
            boolean failing = processor.isError();
            if (processor instanceof StreamingEventProcessor streaming) {
                Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
                details.put("segmentsClaimed", segments.size());
                details.put("caughtUp", segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp));
                details.put("replaying", segments.values().stream().anyMatch(EventTrackerStatus::isReplaying));
                segments.values().stream().filter(EventTrackerStatus::isErrorState).findFirst()
                        .ifPresent(status -> details.put("error", String.valueOf(status.getError())));
                failing |= details.containsKey("error");
            }
            Long letters = lettersByGroup.get(entry.getKey());
            if (letters != null) {
                details.put("deadLetters", letters);
                degraded |= letters > 0;
            }
            details.put("status", failing ? "ERROR" : "OK");
            degraded |= failing;
            processors.put(entry.getKey(), details);
        }
        builder.status(degraded ? DEGRADED : Status.UP).withDetail("processors", processors);
    }
}
