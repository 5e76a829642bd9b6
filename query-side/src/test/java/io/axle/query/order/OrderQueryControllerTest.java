package io.axle.query.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.axle.api.common.ListCriteria;
import io.axle.api.common.PageResult;
import io.axle.api.order.ExportOrdersQuery;
import io.axle.api.order.FindOrderByNumberQuery;
import io.axle.api.order.FindOrderQuery;
import io.axle.api.order.ListOrdersQuery;
import io.axle.api.order.OrderDetail;
import io.axle.api.order.OrderStatus;
import io.axle.api.order.OrderSummary;
import io.axle.api.order.StatusChange;
import io.axle.api.order.WatchOrdersQuery;
import io.axle.platform.web.ProblemAdvice;
import io.axle.query.UpdateStreams;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.Registration;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.DefaultSubscriptionQueryResult;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import io.axle.query.CsvExports;

/** The order read API's HTTP contract, on a standalone MockMvc with the query gateway mocked. */
class OrderQueryControllerTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final QueryGateway queryGateway = mock(QueryGateway.class);
    private UpdateStreams streams;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        streams = new UpdateStreams(queryGateway, Duration.ofMillis(100));
        mvc = MockMvcBuilders.standaloneSetup(new OrderQueryController(queryGateway, streams, new CsvExports(queryGateway, CsvExports.DEFAULT_MAX_ROWS)))
                .setControllerAdvice(new ProblemAdvice())
                .build();
    }

    @AfterEach
    void tearDown() {
        streams.destroy();
    }

    @Test
    void listAsksForTheFirstPageOfTwentyByDefault() throws Exception {
        ArgumentCaptor<ListOrdersQuery> asked = answerListWith(new PageResult<>(List.of(summary("o-1")), 0, 20, 1));

        mvc.perform(get("/api/v1/orders"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].orderId").value("o-1"))
                .andExpect(jsonPath("$.content[0].number").value("SO-2026-000001"))
                .andExpect(jsonPath("$.content[0].status").value("CONFIRMED"))
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.size").value(20));

        assertThat(asked.getValue()).isEqualTo(new ListOrdersQuery(null, null, 0, 20));
    }

    @Test
    void listPassesFiltersAndPaging() throws Exception {
        ArgumentCaptor<ListOrdersQuery> asked = answerListWith(new PageResult<>(List.of(), 2, 200, 0));

        mvc.perform(get("/api/v1/orders?status=SHIPPED&customerId=c-7&page=2&size=200"))
                .andExpect(status().isOk());

        assertThat(asked.getValue()).isEqualTo(new ListOrdersQuery(OrderStatus.SHIPPED, "c-7", 2, 200));
    }

    @Test
    void listSearchesByNumber() throws Exception {
        ArgumentCaptor<ListOrdersQuery> asked = answerListWith(new PageResult<>(List.of(summary("o-1")), 0, 20, 1));

        mvc.perform(get("/api/v1/orders?q=SO-2026-000001"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].number").value("SO-2026-000001"));

        assertThat(asked.getValue()).isEqualTo(new ListOrdersQuery(null, null, "SO-2026-000001", 0, 20));
    }

    @Test
    void listPassesSearchDateRangeAndSort() throws Exception {
        ArgumentCaptor<ListOrdersQuery> asked = answerListWith(new PageResult<>(List.of(), 0, 20, 0));

        mvc.perform(get("/api/v1/orders?q=000012&from=2026-03-01&to=2026-03-31&sort=number,desc"))
                .andExpect(status().isOk());

        assertThat(asked.getValue()).isEqualTo(new ListOrdersQuery(null, null, new ListCriteria("000012",
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), "number", true), 0, 20));
    }

    @Test
    void anUnknownSortFieldIsABadRequestListingTheSortFields() throws Exception {
        mvc.perform(get("/api/v1/orders?sort=total,asc"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("sort"))
                .andExpect(jsonPath("$.rule").value("one-of"))
                .andExpect(jsonPath("$.allowed[0]").value("placedAt"));
        verifyNoInteractions(queryGateway);
    }

    @Test
    void aBadSortOnTheCsvExportIsRefusedBeforeAnyRowWithTheListsProblem() throws Exception {
        mvc.perform(get("/api/v1/orders?sort=total,asc").accept("text/csv"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("sort"))
                .andExpect(jsonPath("$.rule").value("one-of"));
        verifyNoInteractions(queryGateway);
    }

    @Test
    void theCsvExportStreamsTheFilteredOrdersAsAnAttachment() throws Exception {
        ArgumentCaptor<Object> asked = ArgumentCaptor.forClass(Object.class);
        when(queryGateway.streamingQuery(asked.capture(), eq(OrderSummary.class)))
                .thenReturn(Flux.just(summary("o-1"), summary("o-2")));

        MvcResult result = mvc.perform(get("/api/v1/orders?status=CONFIRMED&q=SO").accept("text/csv"))
                .andExpect(request().asyncStarted()).andReturn();
        mvc.perform(asyncDispatch(result))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition", startsWith("attachment; filename=\"orders-")))
                .andExpect(content().string(startsWith(
                        "number,orderId,customerId,status,placedAt,updatedAt,total,currency,reason\r\n"
                                + "SO-2026-000001,o-1,c-1,CONFIRMED,2026-03-02T09:00:00Z")));

        assertThat(asked.getValue()).isEqualTo(new ExportOrdersQuery(new ListOrdersQuery(OrderStatus.CONFIRMED, null,
                "SO", 0, 20), CsvExports.DEFAULT_MAX_ROWS));
    }

    @Test
    void aSearchOfMoreThanAHundredCharactersIsABadRequestNamingQ() throws Exception {
        mvc.perform(get("/api/v1/orders?q=" + "S".repeat(101)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("q"));
        verifyNoInteractions(queryGateway);
    }

    @Test
    void anOrderIsFoundByItsNumber() throws Exception {
        when(queryGateway.query(eq(new FindOrderByNumberQuery("SO-2026-000001")), eq(OrderDetail.class)))
                .thenReturn(CompletableFuture.completedFuture(detail(OrderStatus.CONFIRMED)));

        mvc.perform(get("/api/v1/orders/by-number/SO-2026-000001"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderId").value("o-1"))
                .andExpect(jsonPath("$.number").value("SO-2026-000001"));
    }

    @Test
    void anUnknownNumberIsNotFoundNamingIt() throws Exception {
        when(queryGateway.query(eq(new FindOrderByNumberQuery("SO-2026-999999")), eq(OrderDetail.class)))
                .thenReturn(CompletableFuture.completedFuture(null));

        mvc.perform(get("/api/v1/orders/by-number/SO-2026-999999"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.resource").value("order"))
                .andExpect(jsonPath("$.id").value("SO-2026-999999"));
    }

    @Test
    void anUnknownStatusIsABadRequestNamingStatus() throws Exception {
        mvc.perform(get("/api/v1/orders?status=LOST"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("status"));
        verifyNoInteractions(queryGateway);
    }

    @Test
    void aPageLargerThanTwoHundredIsABadRequestNamingSize() throws Exception {
        mvc.perform(get("/api/v1/orders?size=201"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("size"));
        verifyNoInteractions(queryGateway);
    }

    @Test
    void anUnknownOrderIsNotFound() throws Exception {
        when(queryGateway.query(eq(new FindOrderQuery("o-x")), eq(OrderDetail.class)))
                .thenReturn(CompletableFuture.completedFuture(null));

        mvc.perform(get("/api/v1/orders/o-x"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.resource").value("order"))
                .andExpect(jsonPath("$.id").value("o-x"));
    }

    @Test
    void anOrderStreamSendsTheCurrentStateThenEachUpdateAndClosesItsSubscription() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        Sinks.Many<OrderDetail> updates = Sinks.many().unicast().onBackpressureBuffer();
        answerSubscriptionWith(new FindOrderQuery("o-1"), Mono.just(detail(OrderStatus.PLACED)), updates.asFlux(),
                cancelled);

        MvcResult result = mvc.perform(get("/api/v1/orders/o-1/updates")).andExpect(request().asyncStarted())
                .andReturn();
        updates.tryEmitNext(detail(OrderStatus.STOCK_RESERVED));
        await().atMost(Duration.ofSeconds(5)).until(() -> bodyOf(result).contains(":heartbeat"));
        updates.tryEmitComplete();

        String body = bodyOf(result);
        assertThat(body).containsSubsequence("event:order\ndata:{\"orderId\":\"o-1\"", "\"status\":\"PLACED\"",
                "event:order\ndata:{\"orderId\":\"o-1\"", "\"status\":\"STOCK_RESERVED\"");
        await().atMost(Duration.ofSeconds(5)).untilTrue(cancelled);
    }

    @Test
    void aStreamOfAnUnknownOrderIsNotFoundAndSubscribesNothing() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        answerSubscriptionWith(new FindOrderQuery("o-x"), Mono.empty(), Flux.never(), cancelled);

        mvc.perform(get("/api/v1/orders/o-x/updates").accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(status().isNotFound());
        assertThat(cancelled).isTrue();
    }

    @Test
    void theOrderWatchSendsTheNewestOrdersOldestFirstThenEveryChange() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        answerSubscriptionWith(new WatchOrdersQuery("c-1"), Mono.just(List.of(summary("o-2"), summary("o-1"))),
                Flux.just(summary("o-3")), cancelled);

        MvcResult result = mvc.perform(get("/api/v1/orders/updates?customerId=c-1"))
                .andExpect(request().asyncStarted()).andReturn();

        await().atMost(Duration.ofSeconds(5)).untilTrue(cancelled);
        assertThat(bodyOf(result)).containsSubsequence(
                "event:order\ndata:{\"orderId\":\"o-1\"",
                "event:order\ndata:{\"orderId\":\"o-2\"",
                "event:order\ndata:{\"orderId\":\"o-3\"");
    }

    @Test
    void theOrderWatchSaysItIsOpenAtOnceEvenWithNoOrderYet() throws Exception {
        answerSubscriptionWith(new WatchOrdersQuery(null), Mono.just(List.of()), Flux.never(), new AtomicBoolean());

        MvcResult result = mvc.perform(get("/api/v1/orders/updates")).andExpect(request().asyncStarted()).andReturn();

        await().atMost(Duration.ofSeconds(5)).until(() -> bodyOf(result).startsWith(":open\n"));
        assertThat(bodyOf(result)).doesNotContain("event:");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ArgumentCaptor<ListOrdersQuery> answerListWith(PageResult<OrderSummary> page) {
        ArgumentCaptor<ListOrdersQuery> asked = ArgumentCaptor.forClass(ListOrdersQuery.class);
        when(queryGateway.query(asked.capture(), any(ResponseType.class)))
                .thenReturn((CompletableFuture) CompletableFuture.completedFuture(page));
        return asked;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void answerSubscriptionWith(Object query, Mono<?> initial, Flux<?> updates, AtomicBoolean cancelled) {
        Registration registration = () -> {
            cancelled.set(true);
            return true;
        };
        when(queryGateway.subscriptionQuery(eq(query), any(ResponseType.class), any(ResponseType.class)))
                .thenReturn(new DefaultSubscriptionQueryResult(initial, updates, registration));
    }

    private static String bodyOf(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString();
    }

    private static OrderSummary summary(String orderId) {
        return new OrderSummary(orderId, "SO-2026-000001", "c-1", OrderStatus.CONFIRMED, null, new BigDecimal("25.00"), "EUR", T0, T0);
    }

    private static OrderDetail detail(OrderStatus status) {
        return new OrderDetail("o-1", "SO-2026-000001", "c-1", status, null, List.of(), new BigDecimal("25.00"), "EUR", null,
                List.of(new StatusChange(status, T0)), T0, T0);
    }
}
