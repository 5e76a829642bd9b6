package io.axle.platform.messaging;

import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part in replays asked on other nodes (ADR 0018): at each {@link #poll()} (every second or so) it looks at
 * the shared replay requests; while a request made elsewhere is {@link ReplayCoordination.State#RELEASING} it stops its own
 * instance of that processor, which gives its claims back, and once the request is reset, failed or stale it starts it
 * again, so that it carries on from the tokens as they now are (replaying, if they were reset). A processor that was not
 * running here when the request came is left as it was.
 */
public class ReplayCoordinator {

    private static final Logger log = LoggerFactory.getLogger(ReplayCoordinator.class);

    private final Supplier<EventProcessingConfiguration> processing;
    private final ReplayCoordination coordination;
    private final Clock clock;
    /** The processors this node stopped for a request made elsewhere, with that request's id. */
    private final Map<String, String> released = new ConcurrentHashMap<>();

    public ReplayCoordinator(Supplier<EventProcessingConfiguration> processing, ReplayCoordination coordination,
                             Clock clock) {
        this.processing = processing;
        this.coordination = coordination;
        this.clock = clock;
    }

    /** One look at the requests: lets go of what is asked for, takes back what is done. */
    void poll() {
        Set<String> requested = new HashSet<>();
        for (ReplayCoordination.Request request : coordination.requests()) {
            requested.add(request.processorName());
            if (coordination.isMine(request.requestId())) {
                continue;
            }
            boolean holdStopped = request.releasing(clock.instant(), coordination.staleAfter());
            String stoppedFor = released.get(request.processorName());
            if (holdStopped && !request.requestId().equals(stoppedFor)) {
                release(request);
            } else if (!holdStopped && request.requestId().equals(stoppedFor)) {
                resume(request.processorName(), request.state() + " (asked by " + request.requestedBy() + ")");
            }
        }
        for (String name : Set.copyOf(released.keySet())) {
            if (!requested.contains(name)) {
                resume(name, "withdrawn");
            }
        }
    }

    private void release(ReplayCoordination.Request request) {
        String name = request.processorName();
        StreamingEventProcessor processor = streaming(name);
        if (processor == null || !processor.isRunning()) {
            return;
        }
        log.info("Stopping processor {} on this node: node {} asked to replay it and waits for every node to let go",
                name, request.requestedBy());
        processor.shutDown();
        released.put(name, request.requestId());
    }

    private void resume(String name, String outcome) {
        released.remove(name);
        StreamingEventProcessor processor = streaming(name);
        if (processor != null && !processor.isRunning()) {
            processor.start();
            log.info("Processor {} started again on this node: its replay request is {}", name, outcome);
        }
    }

    private StreamingEventProcessor streaming(String name) {
        EventProcessor processor = processing.get().eventProcessor(name).orElse(null);
        return processor instanceof StreamingEventProcessor streaming ? streaming : null;
    }
}
