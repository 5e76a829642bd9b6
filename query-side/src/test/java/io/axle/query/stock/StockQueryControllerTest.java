package io.axle.query.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.axle.api.common.PageResult;
import io.axle.api.stock.FindStockLevelQuery;
import io.axle.api.stock.ListStockLevelsQuery;
import io.axle.api.stock.StockLevel;
import io.axle.api.stock.WatchStockLevelsQuery;
import io.axle.platform.web.ProblemAdvice;
import io.axle.query.UpdateStreams;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.Registration;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.DefaultSubscriptionQueryResult;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import io.axle.query.CsvExports;

/** The stock read API's HTTP contract, on a standalone MockMvc with the query gateway mocked. */
class StockQueryControllerTest {

    private final QueryGateway queryGateway = mock(QueryGateway.class);
    private final UpdateStreams streams = new UpdateStreams(queryGateway, Duration.ofMillis(100));
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new StockQueryController(queryGateway, streams,
            new CsvExports(queryGateway, CsvExports.DEFAULT_MAX_ROWS)))
            .setControllerAdvice(new ProblemAdvice())
            .build();

    @AfterEach
    void tearDown() {
        streams.destroy();
    }

    @Test
    void aLevelShowsItsFigures() throws Exception {
        when(queryGateway.query(eq(new FindStockLevelQuery("SKU-1")), eq(StockLevel.class)))
                .thenReturn(CompletableFuture.completedFuture(new StockLevel("SKU-1", 10, 3, 7)));

        mvc.perform(get("/api/v1/stock/SKU-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sku").value("SKU-1"))
                .andExpect(jsonPath("$.onHand").value(10))
                .andExpect(jsonPath("$.reserved").value(3))
                .andExpect(jsonPath("$.available").value(7));
    }

    @Test
    void anUnknownSkuIsNotFound() throws Exception {
        when(queryGateway.query(eq(new FindStockLevelQuery("SKU-X")), eq(StockLevel.class)))
                .thenReturn(CompletableFuture.completedFuture(null));

        mvc.perform(get("/api/v1/stock/SKU-X"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.resource").value("stock"))
                .andExpect(jsonPath("$.id").value("SKU-X"));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void listAsksForTheRequestedPage() throws Exception {
        ArgumentCaptor<ListStockLevelsQuery> asked = ArgumentCaptor.forClass(ListStockLevelsQuery.class);
        when(queryGateway.query(asked.capture(), any(ResponseType.class))).thenReturn((CompletableFuture)
                CompletableFuture.completedFuture(new PageResult<>(List.of(new StockLevel("SKU-1", 1, 0, 1)), 3, 5, 16)));

        mvc.perform(get("/api/v1/stock?page=3&size=5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].sku").value("SKU-1"))
                .andExpect(jsonPath("$.page").value(3))
                .andExpect(jsonPath("$.size").value(5))
                .andExpect(jsonPath("$.totalElements").value(16));

        assertThat(asked.getValue()).isEqualTo(new ListStockLevelsQuery(3, 5));
    }

    @Test
    void aNegativePageIsABadRequestNamingPage() throws Exception {
        mvc.perform(get("/api/v1/stock?page=-1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("page"));
        verifyNoInteractions(queryGateway);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void theStockWatchSendsTheLevelsThenEachChangeAndClosesItsSubscription() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        Registration registration = () -> {
            cancelled.set(true);
            return true;
        };
        Sinks.Many<StockLevel> updates = Sinks.many().unicast().onBackpressureBuffer();
        when(queryGateway.subscriptionQuery(eq(new WatchStockLevelsQuery(null)), any(ResponseType.class),
                any(ResponseType.class))).thenReturn(new DefaultSubscriptionQueryResult(
                        Mono.just(List.of(new StockLevel("SKU-1", 10, 0, 10), new StockLevel("SKU-2", 4, 0, 4))),
                        updates.asFlux(), registration));

        MvcResult result = mvc.perform(get("/api/v1/stock/updates")).andExpect(request().asyncStarted()).andReturn();
        updates.tryEmitNext(new StockLevel("SKU-1", 10, 3, 7, "Brake pad", new java.math.BigDecimal("24.90"), "EUR", 8,
                true));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> result.getResponse().getContentAsString().contains(":heartbeat"));
        updates.tryEmitComplete();

        await().atMost(Duration.ofSeconds(5)).untilTrue(cancelled);
        assertThat(result.getResponse().getContentAsString()).containsSubsequence(
                "event:stock\ndata:{\"sku\":\"SKU-1\",\"onHand\":10,\"reserved\":0,\"available\":10,\"name\":null,",
                "event:stock\ndata:{\"sku\":\"SKU-2\"",
                "event:stock\ndata:{\"sku\":\"SKU-1\",\"onHand\":10,\"reserved\":3,\"available\":7,"
                        + "\"name\":\"Brake pad\",\"unitPrice\":24.90,\"currency\":\"EUR\",\"reorderPoint\":8,"
                        + "\"lowStock\":true}");
    }
}
