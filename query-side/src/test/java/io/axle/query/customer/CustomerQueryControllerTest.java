package io.axle.query.customer;

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
import io.axle.api.customer.CustomerView;
import io.axle.api.customer.FindCustomerQuery;
import io.axle.api.customer.ListCustomersQuery;
import io.axle.platform.web.ProblemAdvice;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import io.axle.query.CsvExports;

/** The customer read API's HTTP contract, on a standalone MockMvc with the query gateway mocked. */
class CustomerQueryControllerTest {

    private static final CustomerView ACME = new CustomerView("c-1", "Acme", "buyer@acme.test", "FR", "EUR",
            new BigDecimal("1000.00"), new BigDecimal("250.00"), new BigDecimal("750.00"), "FR40123456824", "fr");

    private final QueryGateway queryGateway = mock(QueryGateway.class);
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new CustomerQueryController(queryGateway, new CsvExports(queryGateway, CsvExports.DEFAULT_MAX_ROWS)))
            .setControllerAdvice(new ProblemAdvice())
            .build();

    @Test
    void aCustomerShowsItsCredit() throws Exception {
        when(queryGateway.query(eq(new FindCustomerQuery("c-1")), eq(CustomerView.class)))
                .thenReturn(CompletableFuture.completedFuture(ACME));

        mvc.perform(get("/api/v1/customers/c-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerId").value("c-1"))
                .andExpect(jsonPath("$.creditLimit").value(1000.00))
                .andExpect(jsonPath("$.creditReserved").value(250.00))
                .andExpect(jsonPath("$.creditAvailable").value(750.00))
                .andExpect(jsonPath("$.vatNumber").value("FR40123456824"))
                .andExpect(jsonPath("$.language").value("fr"));
    }

    @Test
    void aConsumerShowsNoVatNumberNorLanguage() throws Exception {
        when(queryGateway.query(eq(new FindCustomerQuery("c-2")), eq(CustomerView.class)))
                .thenReturn(CompletableFuture.completedFuture(new CustomerView("c-2", "Jeanne", "j@example.test", "FR",
                        "EUR", BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.TEN)));

        mvc.perform(get("/api/v1/customers/c-2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.vatNumber").doesNotExist())
                .andExpect(jsonPath("$.language").doesNotExist());
    }

    @Test
    void anUnknownCustomerIsNotFound() throws Exception {
        when(queryGateway.query(eq(new FindCustomerQuery("c-x")), eq(CustomerView.class)))
                .thenReturn(CompletableFuture.completedFuture(null));

        mvc.perform(get("/api/v1/customers/c-x"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.resource").value("customer"));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void listDefaultsToTheFirstPageOfTwenty() throws Exception {
        ArgumentCaptor<ListCustomersQuery> asked = ArgumentCaptor.forClass(ListCustomersQuery.class);
        when(queryGateway.query(asked.capture(), any(ResponseType.class))).thenReturn((CompletableFuture)
                CompletableFuture.completedFuture(new PageResult<>(List.of(ACME), 0, 20, 1)));

        mvc.perform(get("/api/v1/customers"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].name").value("Acme"));

        assertThat(asked.getValue()).isEqualTo(new ListCustomersQuery(0, 20));
    }

    @Test
    void aSizeOfZeroIsABadRequestNamingSize() throws Exception {
        mvc.perform(get("/api/v1/customers?size=0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("size"));
        verifyNoInteractions(queryGateway);
    }
}
