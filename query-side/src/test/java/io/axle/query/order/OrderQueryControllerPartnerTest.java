package io.axle.query.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.axle.api.common.PageResult;
import io.axle.api.order.FindOrderByNumberQuery;
import io.axle.api.order.FindOrderQuery;
import io.axle.api.order.ListOrdersQuery;
import io.axle.api.order.OrderDetail;
import io.axle.api.order.OrderStatus;
import io.axle.api.order.OrderSummary;
import io.axle.api.order.WatchOrdersQuery;
import io.axle.platform.web.NotFoundException;
import io.axle.query.Partners;
import io.axle.query.UpdateStreams;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.DefaultSubscriptionQueryResult;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.security.core.context.SecurityContextHolder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import io.axle.query.CsvExports;
import io.axle.query.ListParams;

/** A partner key for customer A reads A's orders only: B's order is unknown to it, its lists hold A's alone. */
class OrderQueryControllerPartnerTest {

    private final QueryGateway gateway = mock(QueryGateway.class);
    private final UpdateStreams streams = new UpdateStreams(gateway);
    private final OrderQueryController controller = new OrderQueryController(gateway, streams,
            new CsvExports(gateway, CsvExports.DEFAULT_MAX_ROWS));

    @BeforeEach
    void ordersOfTwoCustomers() {
        when(gateway.query(new FindOrderQuery("order-of-a"), OrderDetail.class))
                .thenReturn(CompletableFuture.completedFuture(detail("order-of-a", "customer-a")));
        when(gateway.query(new FindOrderQuery("order-of-b"), OrderDetail.class))
                .thenReturn(CompletableFuture.completedFuture(detail("order-of-b", "customer-b")));
        Partners.signInAsPartnerOf("customer-a");
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
        streams.destroy();
    }

    @Test
    void itsOwnOrderIsShown() {
        assertThat(controller.find("order-of-a").customerId()).isEqualTo("customer-a");
    }

    @Test
    void anotherCustomersOrderIsNotFound() {
        assertThatThrownBy(() -> controller.find("order-of-b")).isInstanceOf(NotFoundException.class)
                .hasMessage("order order-of-b not found");
    }

    @Test
    void anotherCustomersOrderIsNotFoundByItsNumberEither() {
        when(gateway.query(new FindOrderByNumberQuery("SO-2026-000002"), OrderDetail.class))
                .thenReturn(CompletableFuture.completedFuture(detail("order-of-b", "customer-b")));
        when(gateway.query(new FindOrderByNumberQuery("SO-2026-000001"), OrderDetail.class))
                .thenReturn(CompletableFuture.completedFuture(detail("order-of-a", "customer-a")));

        assertThat(controller.findByNumber("SO-2026-000001").orderId()).isEqualTo("order-of-a");
        assertThatThrownBy(() -> controller.findByNumber("SO-2026-000002")).isInstanceOf(NotFoundException.class)
                .hasMessage("order SO-2026-000002 not found");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void theListAsksForItsOwnCustomersOrdersOnly() {
        ArgumentCaptor<ListOrdersQuery> asked = ArgumentCaptor.forClass(ListOrdersQuery.class);
        when(gateway.query(asked.capture(), any(ResponseType.class))).thenReturn(
                (CompletableFuture) CompletableFuture.completedFuture(new PageResult<>(List.of(), 0, 20, 0)));

        controller.list(new OrderListParams(null, null, null, null), ListParams.NONE);

        assertThat(asked.getValue().customerId()).isEqualTo("customer-a");
    }

    @Test
    void aListOfAnotherCustomersOrdersIsEmpty() {
        PageResult<OrderSummary> page = controller.list(new OrderListParams(null, "customer-b", null, null),
                ListParams.NONE);

        assertThat(page.content()).isEmpty();
        assertThat(page.totalElements()).isZero();
        verify(gateway, never()).query(any(ListOrdersQuery.class), any(ResponseType.class));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void anotherCustomersOrderCannotBeWatched() {
        when(gateway.subscriptionQuery(eq(new FindOrderQuery("order-of-b")), any(ResponseType.class),
                any(ResponseType.class))).thenReturn(new DefaultSubscriptionQueryResult(
                Mono.just(detail("order-of-b", "customer-b")), Flux.never(), () -> true));

        assertThatThrownBy(() -> controller.updates("order-of-b")).isInstanceOf(NotFoundException.class);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void theLiveListWatchesItsOwnCustomerOnly() {
        when(gateway.subscriptionQuery(eq(new WatchOrdersQuery("customer-a")), any(ResponseType.class),
                any(ResponseType.class))).thenReturn(new DefaultSubscriptionQueryResult(
                Mono.just(List.of()), Flux.never(), () -> true));

        assertThat(controller.allUpdates(null)).isNotNull();
        verify(gateway).subscriptionQuery(eq(new WatchOrdersQuery("customer-a")), any(ResponseType.class),
                any(ResponseType.class));
        assertThatThrownBy(() -> controller.allUpdates("customer-b")).isInstanceOf(NotFoundException.class);
    }

    private static OrderDetail detail(String orderId, String customerId) {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        return new OrderDetail(orderId, null, customerId, OrderStatus.PLACED, null, List.of(), BigDecimal.TEN, "EUR", null,
                List.of(), at, at);
    }
}
