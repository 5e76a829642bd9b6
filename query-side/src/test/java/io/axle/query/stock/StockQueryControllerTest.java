package io.axle.query.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.axle.api.common.PageResult;
import io.axle.api.stock.FindStockLevelQuery;
import io.axle.api.stock.ListStockLevelsQuery;
import io.axle.api.stock.StockLevel;
import io.axle.platform.web.ProblemAdvice;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The stock read API's HTTP contract, on a standalone MockMvc with the query gateway mocked. */
class StockQueryControllerTest {

    private final QueryGateway queryGateway = mock(QueryGateway.class);
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new StockQueryController(queryGateway))
            .setControllerAdvice(new ProblemAdvice())
            .build();

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
}
