package io.axle.query.order;

import io.axle.api.order.FindOrderQuery;
import io.axle.api.order.OrderDetail;
import io.axle.api.order.OrderSummary;
import io.axle.api.order.WatchOrdersQuery;
import io.axle.platform.web.NotFoundException;
import java.io.IOException;
import java.time.Duration;
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
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;

/**
 * Turns order subscription queries into server-sent event streams (event name {@value #EVENT}): the initial result
 * first, then every update, with a heartbeat comment every {@link #HEARTBEAT} so that a gone client is noticed and
 * its subscription closed.
 */
@Component
public class OrderUpdateStreams implements DisposableBean {

    static final String EVENT = "order";
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Duration INITIAL_RESULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(OrderUpdateStreams.class);

    private final QueryGateway queryGateway;
    private final Duration heartbeatInterval;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "order-sse-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    public OrderUpdateStreams(QueryGateway queryGateway) {
        this(queryGateway, HEARTBEAT);
    }

    OrderUpdateStreams(QueryGateway queryGateway, Duration heartbeatInterval) {
        this.queryGateway = queryGateway;
        this.heartbeatInterval = heartbeatInterval;
    }

    /** The stream of one order; throws {@link NotFoundException} when the order is unknown. */
    SseEmitter order(String orderId) {
        SubscriptionQueryResult<OrderDetail, OrderDetail> subscription = queryGateway.subscriptionQuery(
                new FindOrderQuery(orderId),
                ResponseTypes.instanceOf(OrderDetail.class),
                ResponseTypes.instanceOf(OrderDetail.class));
        OrderDetail initial = initialResult(subscription);
        if (initial == null) {
            subscription.cancel();
            throw new NotFoundException("order", orderId);
        }
        return stream(List.of(initial), subscription);
    }

    /** The stream of every order change, or of one customer's orders when {@code customerId} is not null. */
    SseEmitter orders(String customerId) {
        SubscriptionQueryResult<List<OrderSummary>, OrderSummary> subscription = queryGateway.subscriptionQuery(
                new WatchOrdersQuery(customerId),
                ResponseTypes.multipleInstancesOf(OrderSummary.class),
                ResponseTypes.instanceOf(OrderSummary.class));
        List<OrderSummary> newestFirst = initialResult(subscription);
        List<OrderSummary> oldestFirst = new ArrayList<>(newestFirst == null ? List.of() : newestFirst);
        Collections.reverse(oldestFirst);
        return stream(oldestFirst, subscription);
    }

    private static <I> I initialResult(SubscriptionQueryResult<I, ?> subscription) {
        try {
            return subscription.initialResult().block(INITIAL_RESULT_TIMEOUT);
        } catch (RuntimeException e) {
            subscription.cancel();
            throw e;
        }
    }

    private SseEmitter stream(List<?> initial, SubscriptionQueryResult<?, ?> subscription) {
        SseEmitter emitter = new SseEmitter(0L);
        Stream stream = new Stream(emitter, subscription, open::remove);
        open.add(stream);
        initial.forEach(stream::send);
        long beat = heartbeatInterval.toMillis();
        stream.start(subscription.updates().subscribe(stream::send, stream::fail, stream::end),
                heartbeats.scheduleAtFixedRate(stream::heartbeat, beat, beat, TimeUnit.MILLISECONDS));
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

        private final SseEmitter emitter;
        private final SubscriptionQueryResult<?, ?> subscription;
        private final Consumer<Stream> onClose;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile Disposable updates;
        private volatile ScheduledFuture<?> heartbeat;

        Stream(SseEmitter emitter, SubscriptionQueryResult<?, ?> subscription, Consumer<Stream> onClose) {
            this.emitter = emitter;
            this.subscription = subscription;
            this.onClose = onClose;
        }

        void start(Disposable updates, ScheduledFuture<?> heartbeat) {
            this.updates = updates;
            this.heartbeat = heartbeat;
            if (closed.get()) {
                release();
            }
        }

        void send(Object payload) {
            write(SseEmitter.event().name(EVENT).data(payload));
        }

        void heartbeat() {
            write(SseEmitter.event().comment("heartbeat"));
        }

        private void write(SseEmitter.SseEventBuilder event) {
            if (closed.get()) {
                return;
            }
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException clientGone) {
                log.debug("Order update stream ended: {}", clientGone.getMessage());
                close();
                completeQuietly();
            }
        }

        void fail(Throwable error) {
            log.warn("Order subscription failed: {}", error.getMessage());
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
