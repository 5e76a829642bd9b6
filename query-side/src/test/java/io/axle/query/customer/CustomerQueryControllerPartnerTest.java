package io.axle.query.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.axle.api.common.PageResult;
import io.axle.api.customer.CustomerView;
import io.axle.api.customer.FindCustomerQuery;
import io.axle.api.customer.ListCustomersQuery;
import io.axle.platform.web.NotFoundException;
import io.axle.query.CsvExports;
import io.axle.query.ListParams;
import io.axle.query.PageParams;
import io.axle.query.Partners;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.security.core.context.SecurityContextHolder;

/** A partner key for customer A sees A's customer record and no other: the list asks for A alone, B is unknown. */
class CustomerQueryControllerPartnerTest {

    private static final CustomerView A = new CustomerView("customer-a", "Acme", "buyer@acme.test", "FR", "EUR",
            BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.TEN);
    private static final CustomerView B = new CustomerView("customer-b", "Bolt", "buyer@bolt.test", "DE", "EUR",
            BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.TEN);

    private final QueryGateway gateway = mock(QueryGateway.class);
    private final CustomerQueryController controller = new CustomerQueryController(gateway,
            new CsvExports(gateway, CsvExports.DEFAULT_MAX_ROWS));

    @BeforeEach
    void twoCustomers() {
        when(gateway.query(new FindCustomerQuery("customer-a"), CustomerView.class))
                .thenReturn(CompletableFuture.completedFuture(A));
        when(gateway.query(new FindCustomerQuery("customer-b"), CustomerView.class))
                .thenReturn(CompletableFuture.completedFuture(B));
        Partners.signInAsPartnerOf("customer-a");
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void itsOwnCustomerIsShown() {
        assertThat(controller.find("customer-a")).isEqualTo(A);
    }

    @Test
    void anotherCustomerIsNotFound() {
        assertThatThrownBy(() -> controller.find("customer-b")).isInstanceOf(NotFoundException.class)
                .hasMessage("customer customer-b not found");
    }

    @Test
    void theListAsksForItsOwnCustomerOnlyWhateverItSearches() {
        ArgumentCaptor<ListCustomersQuery> asked = ArgumentCaptor.forClass(ListCustomersQuery.class);
        when(gateway.query(asked.capture(), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(new PageResult<>(List.of(A), 0, 20, 1)));

        var page = controller.list(new PageParams(null, null), new ListParams("Bolt", null, null, null));

        assertThat(page.content()).containsExactly(A);
        assertThat(asked.getValue().customerId()).isEqualTo("customer-a");
        assertThat(asked.getValue().criteria().search()).isEqualTo("Bolt");
    }
}
