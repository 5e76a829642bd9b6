package io.axle.query.product;

import io.axle.api.common.PageResult;
import io.axle.api.product.FindProductQuery;
import io.axle.api.product.ListProductsQuery;
import io.axle.api.product.PriceChange;
import io.axle.api.product.ProductStatus;
import io.axle.api.product.ProductView;
import io.axle.platform.web.ProblemAdvice;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import io.axle.query.CsvExports;

/** The catalogue read API's HTTP contract, on a standalone MockMvc with the query gateway mocked. */
class ProductQueryControllerTest {

    private static final ProductView BRAKE_PAD = new ProductView("BRK-001", "Brake pad", null,
            new BigDecimal("26.50"), "EUR", "STANDARD", "piece", 10, ProductStatus.ACTIVE, List.of(
                    new PriceChange(new BigDecimal("24.90"), Instant.parse("2026-03-01T10:00:00Z"), "alice"),
                    new PriceChange(new BigDecimal("26.50"), Instant.parse("2026-03-05T08:30:00Z"), "bob")),
            new BigDecimal("24.90"), Instant.parse("2026-03-05T08:30:00Z"));

    private final QueryGateway queryGateway = mock(QueryGateway.class);
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new ProductQueryController(queryGateway, new CsvExports(queryGateway, CsvExports.DEFAULT_MAX_ROWS)))
            .setControllerAdvice(new ProblemAdvice())
            .build();

    @Test
    void aProductShowsItsPriceHistory() throws Exception {
        when(queryGateway.query(eq(new FindProductQuery("BRK-001")), eq(ProductView.class)))
                .thenReturn(CompletableFuture.completedFuture(BRAKE_PAD));

        mvc.perform(get("/api/v1/products/BRK-001"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Brake pad"))
                .andExpect(jsonPath("$.unitPrice").value(26.50))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.priceHistory[0].unitPrice").value(24.90))
                .andExpect(jsonPath("$.priceHistory[1].changedBy").value("bob"))
                .andExpect(jsonPath("$.previousUnitPrice").value(24.90))
                .andExpect(jsonPath("$.priceChangedAt").exists());
    }

    @Test
    void anUnknownSkuIsNotFound() throws Exception {
        when(queryGateway.query(eq(new FindProductQuery("NOPE")), eq(ProductView.class)))
                .thenReturn(CompletableFuture.completedFuture(null));

        mvc.perform(get("/api/v1/products/NOPE"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.resource").value("product"))
                .andExpect(jsonPath("$.id").value("NOPE"));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void listAsksForTheSearchStatusAndPage() throws Exception {
        ArgumentCaptor<ListProductsQuery> asked = ArgumentCaptor.forClass(ListProductsQuery.class);
        when(queryGateway.query(asked.capture(), any(ResponseType.class))).thenReturn((CompletableFuture)
                CompletableFuture.completedFuture(new PageResult<>(List.of(BRAKE_PAD), 2, 5, 11)));

        mvc.perform(get("/api/v1/products?q=brake&status=ACTIVE&page=2&size=5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].sku").value("BRK-001"))
                .andExpect(jsonPath("$.totalElements").value(11));

        assertThat(asked.getValue()).isEqualTo(new ListProductsQuery("brake", ProductStatus.ACTIVE, 2, 5));
    }

    @Test
    void anUnknownStatusIsABadRequestNamingStatus() throws Exception {
        mvc.perform(get("/api/v1/products?status=SOLD_OUT"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("status"));
        verifyNoInteractions(queryGateway);
    }
}
