package io.axle.query;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import io.axle.platform.web.RateLimitExceededException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;

/**
 * Turns subscription queries into server-sent event streams: an {@code :open} comment at once (so that a client
 * knows the stream is up even when there is nothing to show yet), the events made from the initial result, then
 * every update, all under one event name, with a heartbeat comment every {@link #HEARTBEAT} so that a gone client is
 * noticed and its subscription closed. A stream ends when the bearer token that opened it expires (the client signs
 * in again and reconnects), and each caller has at most {@code axle.live-streams.max-per-caller} open streams on a
 * node: one more is refused with a 429 problem.
 */
@Component
public class UpdateStreams implements DisposableBean {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    static final int DEFAULT_MAX_PER_CALLER = 10;
    private static final Duration INITIAL_RESULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(UpdateStreams.class);

    private final QueryGateway queryGateway;
    private final Duration heartbeatInterval;
    private final int maxPerCaller;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "sse-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    public UpdateStreams(QueryGateway queryGateway,
                         @Value("${axle.live-streams.max-per-caller:" + DEFAULT_MAX_PER_CALLER + "}") int maxPerCaller) {
        this(queryGateway, HEARTBEAT, maxPerCaller);
    }

    public UpdateStreams(QueryGateway queryGateway) {
        this(queryGateway, HEARTBEAT, DEFAULT_MAX_PER_CALLER);
    }

    public UpdateStreams(QueryGateway queryGateway, Duration heartbeatInterval) {
        this(queryGateway, heartbeatInterval, DEFAULT_MAX_PER_CALLER);
    }

    public UpdateStreams(QueryGateway queryGateway, Duration heartbeatInterval, int maxPerCaller) {
        this.queryGateway = queryGateway;
        this.heartbeatInterval = heartbeatInterval;
        this.maxPerCaller = maxPerCaller;
    }

    /**
     * A copy of {@code newestFirst} (which may be null, meaning none) in reverse order: initial results are queried
     * newest first, and streamed oldest first so that the newest event comes last, as every later update does.
     */
    public static <T> List<T> oldestFirst(List<T> newestFirst) {
        List<T> oldestFirst = new ArrayList<>(newestFirst == null ? List.of() : newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /**
     * Subscribes to {@code query} and streams it as events named {@code event}: first the payloads
     * {@code firstEvents} makes of the initial result (which may be null), then every update. If the initial result
     * cannot be had, or {@code firstEvents} throws (say, because there is nothing to watch), the subscription is
     * cancelled and the exception rethrown.
     */
    public <Q, I, U> SseEmitter stream(String event, Q query, ResponseType<I> initialType, ResponseType<U> updateType,
            Function<? super I, ? extends List<?>> firstEvents) {
        return stream(event, query, initialType, updateType, firstEvents, Function.identity());
    }

    /** As above, each update turned into its event payload by {@code eachUpdate} (e.g. adding request-dependent links). */
    public <Q, I, U> SseEmitter stream(String event, Q query, ResponseType<I> initialType, ResponseType<U> updateType,
            Function<? super I, ? extends List<?>> firstEvents, Function<? super U, ?> eachUpdate) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String owner = caller == null ? "" : caller.getName();
        Instant expiresAt = caller != null && caller.getPrincipal() instanceof Jwt jwt ? jwt.getExpiresAt() : null;
        refuseOverLimit(owner);
        SubscriptionQueryResult<I, U> subscription = queryGateway.subscriptionQuery(query, initialType, updateType);
        List<?> initial;
        try {
            initial = firstEvents.apply(subscription.initialResult().block(INITIAL_RESULT_TIMEOUT));
        } catch (RuntimeException e) {
            subscription.cancel();
            throw e;
        }
        return stream(event, initial, subscription, eachUpdate, owner, expiresAt);
    }

    /** How many streams {@code owner} has open on this node. */
    int openStreamsOf(String owner) {
        return (int) open.stream().filter(stream -> stream.owner.equals(owner)).count();
    }

    private void refuseOverLimit(String owner) {
        if (openStreamsOf(owner) >= maxPerCaller) {
            throw new RateLimitExceededException("At most " + maxPerCaller
                    + " live update streams may be open per caller; close one (another tab or window) first.");
        }
    }

    private <U> SseEmitter stream(String event, List<?> initial, SubscriptionQueryResult<?, U> subscription,
            Function<? super U, ?> eachUpdate, String owner, Instant expiresAt) {
        SseEmitter emitter = new SseEmitter(0L);
        Stream stream = new Stream(event, owner, emitter, subscription, open::remove);
        synchronized (open) {
            if (openStreamsOf(owner) >= maxPerCaller) {
                subscription.cancel();
                refuseOverLimit(owner);
            }
            open.add(stream);
        }
        stream.opened();
        initial.forEach(stream::send);
        long beat = heartbeatInterval.toMillis();
        ScheduledFuture<?> expiry = expiresAt == null ? null : heartbeats.schedule(stream::end,
                Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()), TimeUnit.MILLISECONDS);
        stream.start(subscription.updates().map(eachUpdate).subscribe(stream::send, stream::fail, stream::end),
                heartbeats.scheduleAtFixedRate(stream::heartbeat, beat, beat, TimeUnit.MILLISECONDS), expiry);
        emitter.onCompletion(stream::close);
        emitter.onTimeout(stream::close);
        emitter.onError(error -> stream.close());
        return emitter;
    }

    /**
     * Ends every open stream as soon as the application starts shutting down, so that graceful shutdown does not wait
     * for clients that would otherwise keep their streams open forever; browsers reconnect to another node.
     */
    @EventListener(ContextClosedEvent.class)
    void endOpenStreams() {
        List.copyOf(open).forEach(Stream::end);
    }

    @Override
    public void destroy() {
        endOpenStreams();
        heartbeats.shutdownNow();
    }

    /** One client's stream; closing it (client gone, error, shutdown) cancels the subscription exactly once. */
    private static final class Stream {

        private final String event;
        private final String owner;
        private final SseEmitter emitter;
        private final SubscriptionQueryResult<?, ?> subscription;
        private final Consumer<Stream> onClose;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile Disposable updates;
        private volatile ScheduledFuture<?> heartbeat;
        private volatile ScheduledFuture<?> expiry;

        Stream(String event, String owner, SseEmitter emitter, SubscriptionQueryResult<?, ?> subscription,
                Consumer<Stream> onClose) {
            this.event = event;
            this.owner = owner;
            this.emitter = emitter;
            this.subscription = subscription;
            this.onClose = onClose;
        }

        void start(Disposable updates, ScheduledFuture<?> heartbeat, ScheduledFuture<?> expiry) {
            this.updates = updates;
            this.heartbeat = heartbeat;
            this.expiry = expiry;
            if (closed.get()) {
                release();
            }
        }

        void send(Object payload) {
            write(SseEmitter.event().name(event).data(payload));
        }

        void opened() {
            write(SseEmitter.event().comment("open"));
        }

        void heartbeat() {
            write(SseEmitter.event().comment("heartbeat"));
        }

        private void write(SseEmitter.SseEventBuilder sseEvent) {
            if (closed.get()) {
                return;
            }
            try {
                emitter.send(sseEvent);
            } catch (IOException | IllegalStateException clientGone) {
                log.debug("Update stream of {} ended: {}", event, clientGone.getMessage());
                close();
                completeQuietly();
            }
        }

        void fail(Throwable error) {
            log.warn("Subscription of {} stream failed: {}", event, error.getMessage());
            close();
            completeQuietly();
        }

        void end() {
            close();
            completeQuietly();
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                onClose.accept(this);
                release();
            }
        }

        private void release() {
            ScheduledFuture<?> beat = heartbeat;
            if (beat != null) {
                beat.cancel(false);
            }
            ScheduledFuture<?> end = expiry;
            if (end != null) {
                end.cancel(false);
            }
            Disposable flux = updates;
            if (flux != null) {
                flux.dispose();
            }
            subscription.cancel();
        }

        private void completeQuietly() {
            try {
                emitter.complete();
            } catch (RuntimeException ignored) {
                // the response is already gone
            }
        }
    }
}
