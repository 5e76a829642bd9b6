package io.axle.query.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axle.api.common.PageResult;
import io.axle.api.order.FindOrderQuery;
import io.axle.api.order.ListOrdersQuery;
import io.axle.api.order.OrderDetail;
import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.OrderShippedEvent;
import io.axle.api.order.OrderStatus;
import io.axle.api.order.OrderSummary;
import io.axle.api.order.ShippingAddress;
import io.axle.api.order.StatusChange;
import io.axle.api.order.WatchOrdersQuery;
import io.axle.query.InMemoryMongo;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order projection as Axon sees it: events delivered as domain event messages (sequence number and timestamp
 * resolved by Axon), queries and subscription queries sent through a real query bus and gateway.
 */
class OrderProjectionWiringTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private InMemoryMongo mongo;
    private AnnotationEventHandlerAdapter eventHandlers;
    private QueryGateway queryGateway;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
        OrderProjection projection = new OrderProjection(mongo.template(), emitter, () -> { });
        eventHandlers = new AnnotationEventHandlerAdapter(projection);
        SimpleQueryBus queryBus = SimpleQueryBus.builder().queryUpdateEmitter(emitter).build();
        new AnnotationQueryHandlerAdapter<>(projection).subscribe(queryBus);
        queryGateway = DefaultQueryGateway.builder().queryBus(queryBus).build();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void eventsAreAppliedAtTheirSequenceNumberAndTimestamp() throws Exception {
        deliver(0, placed("o-1"), T0);
        deliver(1, new OrderShippedEvent("o-1"), T0.plusSeconds(60));
        deliver(1, new OrderShippedEvent("o-1"), T0.plusSeconds(90));

        OrderDetail order = queryGateway.query(new FindOrderQuery("o-1"), OrderDetail.class).join();

        assertThat(order.history()).containsExactly(new StatusChange(OrderStatus.PLACED, T0),
                new StatusChange(OrderStatus.SHIPPED, T0.plusSeconds(60)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listQueriesAreAnsweredWithAPageOfSummaries() throws Exception {
        deliver(0, placed("o-1"), T0);

        PageResult<OrderSummary> page = queryGateway.query(new ListOrdersQuery(null, null, 0, 20),
                ResponseTypes.instanceOf(PageResult.class)).join();

        assertThat(page.content()).extracting(OrderSummary::orderId).containsExactly("o-1");
    }

    @Test
    void aFindSubscriptionGetsTheCurrentStateThenTheChanges() throws Exception {
        deliver(0, placed("o-1"), T0);
        SubscriptionQueryResult<OrderDetail, OrderDetail> subscription = queryGateway.subscriptionQuery(
                new FindOrderQuery("o-1"), OrderDetail.class, OrderDetail.class);
        List<OrderStatus> updates = new CopyOnWriteArrayList<>();
        subscription.updates().subscribe(update -> updates.add(update.status()));
        assertThat(subscription.initialResult().block().status()).isEqualTo(OrderStatus.PLACED);

        deliver(1, new OrderShippedEvent("o-1"), T0.plusSeconds(60));

        await().atMost(Duration.ofSeconds(5)).until(() -> updates.equals(List.of(OrderStatus.SHIPPED)));
        subscription.cancel();
    }

    @Test
    void aWatchSubscriptionGetsTheNewestOrdersThenEveryChangeOfItsCustomer() throws Exception {
        deliver(0, placed("o-1"), T0);
        SubscriptionQueryResult<List<OrderSummary>, OrderSummary> subscription = queryGateway.subscriptionQuery(
                new WatchOrdersQuery("c-1"), ResponseTypes.multipleInstancesOf(OrderSummary.class),
                ResponseTypes.instanceOf(OrderSummary.class));
        List<String> updates = new CopyOnWriteArrayList<>();
        subscription.updates().subscribe(update -> updates.add(update.orderId() + ":" + update.status()));
        assertThat(subscription.initialResult().block()).extracting(OrderSummary::orderId).containsExactly("o-1");

        deliver(0, new OrderPlacedEvent("o-2", "c-2", "EUR", List.of(), null, BigDecimal.ONE), T0.plusSeconds(1));
        deliver(1, new OrderShippedEvent("o-1"), T0.plusSeconds(2));

        await().atMost(Duration.ofSeconds(5)).until(() -> updates.equals(List.of("o-1:SHIPPED")));
        subscription.cancel();
    }

    @Test
    void aResetEmptiesTheReadModel() throws Exception {
        deliver(0, placed("o-1"), T0);

        eventHandlers.prepareReset();

        assertThat(queryGateway.query(new FindOrderQuery("o-1"), OrderDetail.class).join()).isNull();
    }

    private void deliver(long sequence, Object event, Instant at) throws Exception {
        eventHandlers.handle(new GenericDomainEventMessage<>("Order", "o-1", sequence, event, Map.of(),
                UUID.randomUUID().toString(), at));
    }

    private static OrderPlacedEvent placed(String orderId) {
        return new OrderPlacedEvent(orderId, "c-1", "EUR", List.of(new OrderLine("SKU-1", 1, BigDecimal.TEN)),
                new ShippingAddress("Ada", "1 Main St", "Paris", "75001", "FR"), BigDecimal.TEN);
    }
}
