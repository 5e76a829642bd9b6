package io.axle.query.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.axle.api.common.ListCriteria;
import io.axle.api.common.PageResult;
import io.axle.api.customer.CustomerErasedEvent;
import io.axle.api.order.ExportOrdersQuery;
import io.axle.api.order.FindOrderByNumberQuery;
import io.axle.api.order.FindOrderQuery;
import io.axle.api.order.ListOrdersQuery;
import io.axle.api.order.OrderCancelledEvent;
import io.axle.api.order.OrderConfirmedEvent;
import io.axle.api.order.OrderDeliveredEvent;
import io.axle.api.order.OrderDetail;
import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.OrderRejectedEvent;
import io.axle.api.order.OrderShippedEvent;
import io.axle.api.order.OrderStatus;
import io.axle.api.order.OrderStockReservedEvent;
import io.axle.api.order.OrderSummary;
import io.axle.api.order.ShippingAddress;
import io.axle.api.order.StatusChange;
import io.axle.api.order.WatchOrdersQuery;
import io.axle.query.InMemoryMongo;
import io.axle.query.SubscriberProbe;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderProjectionTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final List<OrderLine> LINES = List.of(
            new OrderLine("SKU-1", 2, new BigDecimal("10.50")),
            new OrderLine("SKU-2", 1, new BigDecimal("4.00")));
    private static final ShippingAddress ADDRESS =
            new ShippingAddress("Ada Lovelace", "1 Rue de la Paix", "Paris", "75002", "FR");

    private InMemoryMongo mongo;
    private SimpleQueryUpdateEmitter emitter;
    private OrderProjection projection;
    private final AtomicInteger compactions = new AtomicInteger();

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        emitter = SimpleQueryUpdateEmitter.builder().build();
        projection = new OrderProjection(mongo.template(), emitter, compactions::incrementAndGet);
        projection.createIndexes();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void placedOrderShowsEveryFieldAndStartsItsHistory() {
        place("o-1", "c-1", 0, T0);

        OrderDetail order = find("o-1");

        assertThat(order).isEqualTo(new OrderDetail("o-1", "SO-2026-000001", "c-1", OrderStatus.PLACED, null, LINES,
                new BigDecimal("25.00"), "EUR", ADDRESS, List.of(new StatusChange(OrderStatus.PLACED, T0)), T0, T0));
    }

    @Test
    void anOrderPlacedBeforeOrdersWereNumberedShowsWithoutANumber() {
        projection.on(new OrderPlacedEvent("o-old", "c-1", "EUR", LINES, ADDRESS, new BigDecimal("25.00")), 0, T0);
        projection.on(new OrderStockReservedEvent("o-old"), 1, T0.plusSeconds(1));

        OrderDetail order = find("o-old");
        assertThat(order.number()).isNull();
        assertThat(order.status()).isEqualTo(OrderStatus.STOCK_RESERVED);
        assertThat(list(null, null, 0, 20).content()).extracting(OrderSummary::orderId, OrderSummary::number)
                .containsExactly(tuple("o-old", null));
        assertThat(search("o-old")).containsExactly("o-old");
        assertThat(search("SO-")).isEmpty();
    }

    @Test
    void findsAnOrderByItsNumberInAnyCase() {
        place("o-1", "c-1", 0, T0);
        place("o-2", "c-2", 0, T0.plusSeconds(1));

        assertThat(projection.handle(new FindOrderByNumberQuery("SO-2026-000002"))).isEqualTo(find("o-2"));
        assertThat(projection.handle(new FindOrderByNumberQuery(" so-2026-000001 "))).isEqualTo(find("o-1"));
        assertThat(projection.handle(new FindOrderByNumberQuery("SO-2026-000003"))).isNull();
        assertThat(projection.handle(new FindOrderByNumberQuery(" "))).isNull();
    }

    @Test
    void searchFindsOrdersByAnyPartOfTheirNumberOrOfTheirCustomerId() {
        place("o-1", "c-1", 0, T0);
        place("o-12", "c-1", 0, T0.plusSeconds(1));
        place("o-2", "c-2", 0, T0.plusSeconds(2));

        assertThat(search("SO-2026-000012")).containsExactly("o-12");
        assertThat(search("so-2026-00000")).containsExactly("o-2", "o-1");
        assertThat(search("SO-2026")).containsExactly("o-2", "o-12", "o-1");
        assertThat(search("000012")).as("the tail of a number").containsExactly("o-12");
        assertThat(search("c-2")).as("a customer id").containsExactly("o-2");
        assertThat(search("SO-2026-.*")).isEmpty();
        assertThat(search("SO-2027")).isEmpty();
        assertThat(projection.page(new ListOrdersQuery(OrderStatus.PLACED, "c-2", "SO-2026", 0, 20)).content())
                .extracting(OrderSummary::orderId).containsExactly("o-2");
    }

    @Test
    void eachStepOfFulfilmentMovesTheStatusAndExtendsTheHistory() {
        place("o-1", "c-1", 0, T0);
        projection.on(new OrderStockReservedEvent("o-1"), 1, T0.plusSeconds(1));
        projection.on(new OrderConfirmedEvent("o-1", "c-1", new BigDecimal("25.00"), "EUR"), 2, T0.plusSeconds(2));
        projection.on(new OrderShippedEvent("o-1"), 3, T0.plusSeconds(3));
        projection.on(new OrderDeliveredEvent("o-1"), 4, T0.plusSeconds(4));

        OrderDetail order = find("o-1");

        assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order.history()).containsExactly(
                new StatusChange(OrderStatus.PLACED, T0),
                new StatusChange(OrderStatus.STOCK_RESERVED, T0.plusSeconds(1)),
                new StatusChange(OrderStatus.CONFIRMED, T0.plusSeconds(2)),
                new StatusChange(OrderStatus.SHIPPED, T0.plusSeconds(3)),
                new StatusChange(OrderStatus.DELIVERED, T0.plusSeconds(4)));
        assertThat(order.placedAt()).isEqualTo(T0);
        assertThat(order.updatedAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(order.reason()).isNull();
        assertThat(order.lines()).isEqualTo(LINES);
    }

    @Test
    void rejectionKeepsItsReason() {
        place("o-1", "c-1", 0, T0);
        projection.on(new OrderRejectedEvent("o-1", "SKU-2 out of stock"), 1, T0.plusSeconds(5));

        OrderDetail order = find("o-1");

        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.reason()).isEqualTo("SKU-2 out of stock");
        assertThat(order.history()).extracting(StatusChange::status)
                .containsExactly(OrderStatus.PLACED, OrderStatus.REJECTED);
    }

    @Test
    void cancellationKeepsItsReason() {
        place("o-1", "c-1", 0, T0);
        projection.on(new OrderStockReservedEvent("o-1"), 1, T0.plusSeconds(1));
        projection.on(new OrderCancelledEvent("o-1", "customer changed their mind"), 2, T0.plusSeconds(2));

        OrderDetail order = find("o-1");

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.reason()).isEqualTo("customer changed their mind");
        assertThat(order.updatedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void theSameEventsAppliedTwiceChangeNothing() {
        place("o-1", "c-1", 0, T0);
        projection.on(new OrderStockReservedEvent("o-1"), 1, T0.plusSeconds(1));
        OrderDetail once = find("o-1");

        projection.on(new OrderStockReservedEvent("o-1"), 1, T0.plusSeconds(1));
        assertThat(find("o-1")).isEqualTo(once);
        place("o-1", "c-1", 0, T0);
        assertThat(find("o-1")).isEqualTo(once);
        assertThat(once.history()).hasSize(2);
    }

    @Test
    void anEventOlderThanTheLastAppliedIsIgnored() {
        place("o-1", "c-1", 0, T0);
        projection.on(new OrderStockReservedEvent("o-1"), 1, T0.plusSeconds(1));
        projection.on(new OrderConfirmedEvent("o-1", "c-1", new BigDecimal("25.00"), "EUR"), 2, T0.plusSeconds(2));

        projection.on(new OrderRejectedEvent("o-1", "late"), 1, T0.plusSeconds(9));
        place("o-1", "c-9", 0, T0.plusSeconds(9));

        OrderDetail order = find("o-1");
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.reason()).isNull();
        assertThat(order.customerId()).isEqualTo("c-1");
        assertThat(order.history()).hasSize(3);
        assertThat(order.updatedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void aStatusChangeOfAnUnknownOrderCreatesNothing() {
        projection.on(new OrderShippedEvent("o-x"), 3, T0);

        assertThat(find("o-x")).isNull();
        assertThat(list(null, null, 0, 20).totalElements()).isZero();
    }

    @Test
    void listIsNewestFirstAndFiltersByStatusAndCustomer() {
        place("o-1", "c-1", 0, T0);
        place("o-2", "c-2", 0, T0.plusSeconds(10));
        place("o-3", "c-1", 0, T0.plusSeconds(20));
        projection.on(new OrderStockReservedEvent("o-1"), 1, T0.plusSeconds(30));

        assertThat(list(null, null, 0, 20).content()).extracting(OrderSummary::orderId)
                .containsExactly("o-3", "o-2", "o-1");
        assertThat(list(OrderStatus.PLACED, null, 0, 20).content()).extracting(OrderSummary::orderId)
                .containsExactly("o-3", "o-2");
        assertThat(list(null, "c-1", 0, 20).content()).extracting(OrderSummary::orderId)
                .containsExactly("o-3", "o-1");
        PageResult<OrderSummary> both = list(OrderStatus.STOCK_RESERVED, "c-1", 0, 20);
        assertThat(both.content()).containsExactly(new OrderSummary("o-1", "SO-2026-000001", "c-1", OrderStatus.STOCK_RESERVED, null,
                new BigDecimal("25.00"), "EUR", T0, T0.plusSeconds(30)));
        assertThat(both.totalElements()).isEqualTo(1);
    }

    @Test
    void listPagesCountTheWholeSelection() {
        for (int i = 0; i < 5; i++) {
            place("o-" + i, "c-1", 0, T0.plusSeconds(i));
        }

        PageResult<OrderSummary> second = list(null, null, 1, 2);
        PageResult<OrderSummary> last = list(null, null, 2, 2);

        assertThat(second.content()).extracting(OrderSummary::orderId).containsExactly("o-2", "o-1");
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(2);
        assertThat(second.totalElements()).isEqualTo(5);
        assertThat(last.content()).extracting(OrderSummary::orderId).containsExactly("o-0");
        assertThat(list(null, null, 3, 2).content()).isEmpty();
    }

    @Test
    void watchStartsFromTheNewestOrdersOfTheCustomer() {
        place("o-1", "c-1", 0, T0);
        place("o-2", "c-2", 0, T0.plusSeconds(1));
        place("o-3", "c-1", 0, T0.plusSeconds(2));

        assertThat(projection.handle(new WatchOrdersQuery("c-1"))).extracting(OrderSummary::orderId)
                .containsExactly("o-3", "o-1");
        assertThat(projection.handle(new WatchOrdersQuery(null))).hasSize(3);
    }

    @Test
    void everyChangeIsSentToTheSubscribersOfThatOrder() {
        SubscriberProbe<OrderDetail> watchingO1 =
                SubscriberProbe.subscribe(emitter, new FindOrderQuery("o-1"), OrderDetail.class);
        SubscriberProbe<OrderDetail> watchingO2 =
                SubscriberProbe.subscribe(emitter, new FindOrderQuery("o-2"), OrderDetail.class);

        place("o-1", "c-1", 0, T0);
        projection.on(new OrderStockReservedEvent("o-1"), 1, T0.plusSeconds(1));

        assertThat(watchingO1.updates()).extracting(OrderDetail::status)
                .containsExactly(OrderStatus.PLACED, OrderStatus.STOCK_RESERVED);
        assertThat(watchingO1.updates().get(1)).isEqualTo(find("o-1"));
        assertThat(watchingO2.updates()).isEmpty();
    }

    @Test
    void summariesAreSentToWatchersOfEveryOrderOrOfTheirCustomer() {
        SubscriberProbe<OrderSummary> everything =
                SubscriberProbe.subscribe(emitter, new WatchOrdersQuery(null), OrderSummary.class);
        SubscriberProbe<OrderSummary> customerTwo =
                SubscriberProbe.subscribe(emitter, new WatchOrdersQuery("c-2"), OrderSummary.class);

        place("o-1", "c-1", 0, T0);
        place("o-2", "c-2", 0, T0.plusSeconds(1));
        projection.on(new OrderRejectedEvent("o-2", "credit refused"), 1, T0.plusSeconds(2));

        assertThat(everything.updates()).extracting(OrderSummary::orderId).containsExactly("o-1", "o-2", "o-2");
        assertThat(everything.updates()).extracting(OrderSummary::number)
                .containsExactly("SO-2026-000001", "SO-2026-000002", "SO-2026-000002");
        assertThat(customerTwo.updates()).extracting(OrderSummary::orderId, OrderSummary::status, OrderSummary::reason)
                .containsExactly(
                        tuple("o-2", OrderStatus.PLACED, null),
                        tuple("o-2", OrderStatus.REJECTED, "credit refused"));
    }

    @Test
    void eventsThatChangeNothingSendNothing() {
        place("o-1", "c-1", 0, T0);
        projection.on(new OrderStockReservedEvent("o-1"), 1, T0.plusSeconds(1));
        SubscriberProbe<OrderDetail> detail =
                SubscriberProbe.subscribe(emitter, new FindOrderQuery("o-1"), OrderDetail.class);
        SubscriberProbe<OrderSummary> summaries =
                SubscriberProbe.subscribe(emitter, new WatchOrdersQuery(null), OrderSummary.class);

        place("o-1", "c-1", 0, T0);
        projection.on(new OrderStockReservedEvent("o-1"), 1, T0.plusSeconds(1));

        assertThat(detail.updates()).isEmpty();
        assertThat(summaries.updates()).isEmpty();
    }

    @Test
    void anErasedCustomersOrdersLoseTheirShippingAddressAndSayWhyOthersKeepTheirs() {
        place("o-1", "c-1", 0, T0);
        place("o-2", "c-1", 0, T0);
        place("o-3", "c-2", 0, T0);

        projection.on(new CustomerErasedEvent("c-1"));
        projection.on(new CustomerErasedEvent("c-1"));

        for (String erased : List.of("o-1", "o-2")) {
            assertThat(find(erased).shippingAddress()).isNull();
            assertThat(find(erased).shippingAddressErased()).isTrue();
            assertThat(find(erased).total()).isEqualByComparingTo("25.00");
            assertThat(find(erased).lines()).isEqualTo(LINES);
        }
        assertThat(find("o-3").shippingAddress()).isEqualTo(ADDRESS);
        assertThat(find("o-3").shippingAddressErased()).isFalse();
        assertThat(compactions).as("the store is asked to drop the old addresses from its file").hasPositiveValue();
    }

    @Test
    void aReplayAfterAnErasureRebuildsTheOrderErased() {
        projection.reset();
        projection.on(new OrderPlacedEvent("o-1", "c-1", "EUR", LINES, null, new BigDecimal("25.00"),
                "SO-2026-000001"), 0, T0);
        projection.on(new CustomerErasedEvent("c-1"));

        assertThat(find("o-1").shippingAddress()).isNull();
        assertThat(find("o-1").shippingAddressErased()).isTrue();
        assertThat(find("o-1").number()).isEqualTo("SO-2026-000001");
    }

    @Test
    void resetEmptiesTheReadModelForReplay() {
        place("o-1", "c-1", 0, T0);

        projection.reset();

        assertThat(find("o-1")).isNull();
        place("o-1", "c-1", 0, T0);
        assertThat(find("o-1").status()).isEqualTo(OrderStatus.PLACED);
    }

    @Test
    void aDateRangeKeepsTheOrdersPlacedFromItsStartUntilBeforeItsEnd() {
        place("o-1", "c-1", 0, T0);
        place("o-2", "c-1", 0, T0.plus(Duration.ofDays(1)));
        place("o-3", "c-1", 0, T0.plus(Duration.ofDays(2)));

        ListCriteria secondDay = new ListCriteria(null, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)), null,
                false);
        assertThat(listed(secondDay)).containsExactly("o-2");
        assertThat(listed(new ListCriteria(null, T0.plusSeconds(1), null, null, false))).containsExactly("o-3", "o-2");
        assertThat(listed(new ListCriteria(null, null, T0.plusSeconds(1), null, false))).containsExactly("o-1");
    }

    @Test
    void sortsByTheAskedFieldBothWaysTiesBrokenById() {
        place("o-1", "c-2", 0, T0);
        place("o-2", "c-1", 0, T0.plusSeconds(1));
        place("o-3", "c-2", 0, T0.plusSeconds(2));

        assertThat(listed(new ListCriteria(null, null, null, "number", false))).containsExactly("o-1", "o-2", "o-3");
        assertThat(listed(new ListCriteria(null, null, null, "number", true))).containsExactly("o-3", "o-2", "o-1");
        assertThat(listed(new ListCriteria(null, null, null, "customerId", false))).containsExactly("o-2", "o-1", "o-3");
        assertThat(listed(new ListCriteria(null, null, null, "customerId", true))).containsExactly("o-3", "o-1", "o-2");
        assertThat(listed(new ListCriteria(null, null, null, "placedAt", false))).containsExactly("o-1", "o-2", "o-3");
    }

    @Test
    void theExportStreamsEveryMatchingOrderInTheListsOrderUpToItsLimit() {
        for (int n = 1; n <= 25; n++) {
            place("o-" + n, n % 2 == 0 ? "c-even" : "c-odd", 0, T0.plusSeconds(n));
        }
        ListOrdersQuery odd = new ListOrdersQuery(null, "c-odd", new ListCriteria(null, null, null, "placedAt", false),
                0, 5);

        List<String> all = projection.handle(new ExportOrdersQuery(odd, 100)).map(OrderSummary::orderId)
                .collectList().block();
        List<String> capped = projection.handle(new ExportOrdersQuery(odd, 4)).map(OrderSummary::orderId)
                .collectList().block();

        assertThat(all).hasSize(13).startsWith("o-1", "o-3", "o-5").endsWith("o-25");
        assertThat(capped).containsExactly("o-1", "o-3", "o-5", "o-7");
    }

    /** Places order {@code o-<n>} as number {@code SO-2026-<n>}. */
    private void place(String orderId, String customerId, long sequence, Instant at) {
        String number = String.format("SO-2026-%06d", Integer.parseInt(orderId.substring("o-".length())));
        projection.on(new OrderPlacedEvent(orderId, customerId, "EUR", LINES, ADDRESS, new BigDecimal("25.00"), number),
                sequence, at);
    }

    private OrderDetail find(String orderId) {
        return projection.handle(new FindOrderQuery(orderId));
    }

    private PageResult<OrderSummary> list(OrderStatus status, String customerId, int page, int size) {
        return projection.page(new ListOrdersQuery(status, customerId, page, size));
    }

    private List<String> listed(ListCriteria criteria) {
        return projection.page(new ListOrdersQuery(null, null, criteria, 0, 20)).content().stream()
                .map(OrderSummary::orderId).toList();
    }

    private List<String> search(String text) {
        return projection.page(new ListOrdersQuery(null, null, text, 0, 20)).content().stream()
                .map(OrderSummary::orderId).toList();
    }
}
