package io.axle.platform.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.axle.platform.web.NotFoundException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.DisallowReplay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ReflectionUtils;

/**
 * The event processors of this node as an administrator sees them, and the rebuild of a projection from the first
 * event while the application runs (ADR 0018).
 *
 * <p>Positions, owners and replays are read from the shared token store, so every node tells the same story; the
 * error state is this node's. Only a projection may be replayed: a streaming processor whose every handler can clear
 * what it built (a {@link ResetHandler}) and none is {@link DisallowReplay}. Sagas, the invoice issuer, mailers and the
 * run simulator have side effects that must never happen twice, so they are refused. The reset is done with the
 * processor stopped on this node; while another node holds a claim on one of its segments, the tokens cannot be reset
 * there, and the replay is refused naming the owners.
 */
public class Processors {

    private static final Logger log = LoggerFactory.getLogger(Processors.class);

    /** A processor as listed: its position and lag behind the head, who runs it, and a replay's progress. */
    public record Status(String name, String kind, int segments, List<String> owners, Long position, Long head,
                         Long lagEvents, Long lagSeconds, boolean replaying, Replay replay, boolean replayable,
                         boolean running, String error, long deadLetters, Version version) {
    }

    /**
     * For a processor building a version of a projection (ADR 0020): which projection, its role, the version queries
     * read, whether this one has caught up with the head, how its switch happens, and a pending version's build
     * progress (percent of the events up to the head).
     */
    public record Version(String projection, ProjectionVersions.Role role, String active, Boolean caughtUp,
                          ProjectionVersions.SwitchMode switchMode, Replay build) {
    }

    /** How far a replay has come: percent of the events up to the reset, the pace, and the seconds it still needs. */
    public record Replay(double percent, Double eventsPerSecond, Long etaSeconds) {
    }

    /** Why a replay or a switch of versions was refused: the rule broken and what to do. */
    public static final class RefusedException extends RuntimeException {

        private final String rule;

        RefusedException(String rule, String message) {
            super(message);
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }
    }

    /** The last position seen of a processor, to tell its pace from one look to the next. */
    private record Sample(long position, Instant at, Double eventsPerSecond) {
    }

    private static final Duration PACE_WINDOW = Duration.ofSeconds(1);

    private final Supplier<EventProcessingConfiguration> processing;
    private final ProcessorProgress progress;
    private final DeadLetters deadLetters;
    private final ProjectionVersions versions;
    private final Duration claimTimeout;
    private final Clock clock;
    private final ReplayCoordination coordination;
    private final String node;
    private final Duration releaseTimeout;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();

    /**
     * @param coordination   the replay requests every node sharing the token store reads
     * @param node           this node's name in the token store's claims and in replay requests
     * @param releaseTimeout how long a replay waits for the other nodes to let go of the processor
     */
    public Processors(Supplier<EventProcessingConfiguration> processing, ProcessorProgress progress,
                      DeadLetters deadLetters, ProjectionVersions versions, Duration claimTimeout, Clock clock,
                      ReplayCoordination coordination, String node, Duration releaseTimeout) {
        this.processing = processing;
        this.progress = progress;
        this.deadLetters = deadLetters;
        this.versions = versions;
        this.claimTimeout = claimTimeout;
        this.clock = clock;
        this.coordination = coordination;
        this.node = node;
        this.releaseTimeout = releaseTimeout;
    }

    /** Every event processor of this node, by name. */
    public List<Status> list() {
        Map<String, Long> letters = deadLetters.sizes();
        Long head = progress.head().isPresent() ? progress.head().getAsLong() : null;
        return processing.get().eventProcessors().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> status(entry.getKey(), entry.getValue(), head, letters.getOrDefault(entry.getKey(), 0L)))
                .toList();
    }

    /** One processor; a {@link NotFoundException} for a name this node does not run. */
    public Status get(String name) {
        Long head = progress.head().isPresent() ? progress.head().getAsLong() : null;
        return status(name, processor(name), head, deadLetters.size(name));
    }

    /**
     * Rebuilds the projection {@code name} from the first event: stops it on this node; if other nodes hold some of its
     * segments, asks them to let go ({@link ReplayCoordination}) and waits until they have; then resets its tokens (its
     * reset handler empties the read model) and starts it again, replaying, while the other nodes start theirs and
     * share the replay. Refused with a {@link RefusedException} for a processor with side effects, while another
     * replay of it waits for the nodes, or when a node does not let go in time (it is then left as it was).
     */
    public Status replay(String name) {
        EventProcessor processor = processor(name);
        if (!(processor instanceof StreamingEventProcessor streaming) || !isProjection(processor)) {
            throw new RefusedException("not-a-projection", "Only a projection (a read model) can be replayed; "
                    + name + " has side effects that must not happen twice (a saga, an issuer, a mailer).");
        }
        if (versions.retired(name)) {
            throw new RefusedException("retired-version", name + " is a replaced version of projection "
                    + versions.membership(name).orElseThrow().projection().name() + "; nothing reads it any more.");
        }
        synchronized (this) {
            streaming.shutDown();
            String requestId = null;
            boolean reset = false;
            try {
                List<String> owners = owners(name);
                if (!owners.isEmpty()) {
                    requestId = coordination.request(name, node);
                    log.info("Projection {} is held by {}: asked every node to let go before replaying it", name,
                            String.join(", ", owners));
                    owners = awaitReleased(name);
                }
                if (!owners.isEmpty()) {
                    throw claimedBy(name, owners);
                }
                streaming.resetTokens();
                reset = true;
                log.info("Projection {} reset: replaying from the first event", name);
            } catch (ReplayCoordination.ReplayInProgressException inProgress) {
                throw new RefusedException("replay-in-progress", inProgress.getMessage());
            } catch (UnableToClaimTokenException claimed) {
                throw claimedBy(name, owners(name));
            } finally {
                if (requestId != null) {
                    coordination.finish(name, requestId, reset ? ReplayCoordination.State.RESET
                            : ReplayCoordination.State.FAILED);
                }
                streaming.start();
            }
        }
        samples.remove(name);
        return get(name);
    }

    /** The nodes still holding a segment of {@code name} once they let go, or once the release timeout is over. */
    private List<String> awaitReleased(String name) {
        Instant deadline = clock.instant().plus(releaseTimeout);
        List<String> owners = owners(name);
        while (!owners.isEmpty() && clock.instant().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            owners = owners(name);
        }
        return owners;
    }

    private RefusedException claimedBy(String name, List<String> owners) {
        return new RefusedException("claimed-by-other-nodes", "Projection " + name + " is still held by "
                + String.join(", ", owners) + ", which did not let go of it within " + releaseTimeout.toSeconds()
                + " s (a node without replay coordination, or one too busy to answer); stop it there, or stop that"
                + " node, and replay again.");
    }

    private List<String> owners(String name) {
        return progress.segments(name, claimTimeout).stream().map(ProcessorProgress.Segment::owner)
                .filter(Objects::nonNull).distinct().sorted().toList();
    }

    private EventProcessor processor(String name) {
        return processing.get().eventProcessor(name)
                .orElseThrow(() -> new NotFoundException("event processor", name));
    }

    private Status status(String name, EventProcessor processor, Long head, long letters) {
        String kind = processor instanceof TrackingEventProcessor ? "tracking"
                : processor instanceof StreamingEventProcessor ? "pooled" : "subscribing";
        boolean replayable = processor instanceof StreamingEventProcessor && isProjection(processor);
        String error = null;
        if (processor instanceof StreamingEventProcessor streaming) {
            error = streaming.processingStatus().values().stream().filter(EventTrackerStatus::isErrorState)
                    .findFirst().map(failing -> String.valueOf(failing.getError())).orElse(null);
        }
        if (!(processor instanceof StreamingEventProcessor)) {
            return new Status(name, kind, 0, List.of(), null, head, null, null, false, null, replayable,
                    processor.isRunning(), error, letters, null);
        }
        List<ProcessorProgress.Segment> segments = progress.segments(name, claimTimeout);
        List<String> owners = segments.stream().map(ProcessorProgress.Segment::owner).filter(Objects::nonNull)
                .distinct().sorted().toList();
        ProcessorProgress.Segment slowest = segments.stream()
                .min((a, b) -> Long.compare(a.position(), b.position())).orElse(null);
        Long position = slowest == null ? null : slowest.position();
        Long lagEvents = position == null || head == null ? null : Math.max(0, head - position);
        Long lagSeconds = lagEvents == null ? null : lagEvents == 0 ? 0L
                : progress.firstEventAfter(slowest)
                        .map(published -> Math.max(0, Duration.between(published, clock.instant()).toSeconds()))
                        .orElse(0L);
        boolean replaying = segments.stream().anyMatch(ProcessorProgress.Segment::replaying);
        Double pace = position == null ? null : pace(name, position);
        Replay replay = replaying ? replay(segments, pace) : null;
        return new Status(name, kind, segments.size(), owners, position, head, lagEvents, lagSeconds, replaying,
                replay, replayable, processor.isRunning(), error, letters, version(name, position, head, pace));
    }

    /** A version's place in its projection; a pending one's build is its slowest segment against the head. */
    private Version version(String name, Long position, Long head, Double pace) {
        return versions.membership(name).map(membership -> {
            ProjectionVersions.State state = versions.state(membership.projection().name());
            ProjectionVersions.Role role = membership.role();
            Boolean caughtUp = null;
            Replay build = null;
            if (role == ProjectionVersions.Role.PENDING) {
                caughtUp = state.caughtUp();
                long done = position == null ? 0 : Math.max(0, position + 1);
                long total = head == null ? 0 : head + 1;
                build = progress(total <= 0 ? 100 : 100.0 * Math.min(done, total) / total, Math.max(0, total - done),
                        pace);
            }
            return new Version(state.projection(), role, state.active(), caughtUp, state.switchMode(), build);
        }).orElse(null);
    }

    /** The percent of the slowest replaying segment, and the time left at the current pace. */
    private static Replay replay(List<ProcessorProgress.Segment> segments, Double pace) {
        double percent = 100;
        long remaining = 0;
        for (ProcessorProgress.Segment segment : segments) {
            if (segment.replaying()) {
                long done = Math.max(0, segment.position() + 1);
                long total = segment.replayUntil() + 1;
                percent = Math.min(percent, total <= 0 ? 100 : 100.0 * Math.min(done, total) / total);
                remaining = Math.max(remaining, total - done);
            }
        }
        return progress(percent, remaining, pace);
    }

    /** Progress rounded down to a tenth of a percent, with the time the remaining events take at {@code pace}. */
    private static Replay progress(double percent, long remaining, Double pace) {
        Long eta = pace == null || pace <= 0 ? null : (long) Math.ceil(remaining / pace);
        return new Replay(Math.floor(percent * 10) / 10, pace, eta);
    }

    /** Events per second since the previous look at least a second ago; the previous pace in between. */
    private Double pace(String name, long position) {
        Instant now = clock.instant();
        Sample next = samples.compute(name, (key, previous) -> {
            if (previous == null || position < previous.position()) {
                return new Sample(position, now, null);
            }
            Duration elapsed = Duration.between(previous.at(), now);
            if (elapsed.compareTo(PACE_WINDOW) < 0) {
                return previous;
            }
            double perSecond = (position - previous.position()) * 1000.0 / elapsed.toMillis();
            return new Sample(position, now, Math.round(perSecond * 10) / 10.0);
        });
        return next.eventsPerSecond();
    }

    /**
     * Whether every handler of the processor builds a read model: each declares a {@link ResetHandler} and none is
     * {@link DisallowReplay}. A saga's processor has no such handlers, so it is never a projection.
     */
    static boolean isProjection(EventProcessor processor) {
        if (!(processor instanceof AbstractEventProcessor withHandlers)) {
            return false;
        }
        List<Class<?>> handlers = handlerTypes(withHandlers.eventHandlerInvoker()).toList();
        return !handlers.isEmpty() && handlers.stream().allMatch(Processors::rebuildsAReadModel);
    }

    private static Stream<Class<?>> handlerTypes(EventHandlerInvoker invoker) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            return multi.delegates().stream().flatMap(Processors::handlerTypes);
        }
        if (invoker instanceof SimpleEventHandlerInvoker simple) {
            List<Class<?>> types = new ArrayList<>();
            simple.eventHandlers().forEach(handler -> types.add(handler instanceof AnnotationEventHandlerAdapter adapter
                    ? adapter.getTargetType() : Object.class));
            return types.stream();
        }
        return Stream.of(Object.class);
    }

    private static boolean rebuildsAReadModel(Class<?> handler) {
        if (handler.isAnnotationPresent(DisallowReplay.class)) {
            return false;
        }
        boolean[] resets = {false};
        ReflectionUtils.doWithMethods(handler, method -> resets[0] = true,
                method -> method.isAnnotationPresent(ResetHandler.class)
                        && !method.isAnnotationPresent(DisallowReplay.class));
        return resets[0];
    }
}
