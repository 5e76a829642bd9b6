package io.axle.query.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;

import io.axle.api.customer.CustomerView;
import io.axle.api.customer.FindCustomerQuery;
import io.axle.api.customer.ListCustomersQuery;
import io.axle.platform.web.NotFoundException;
import io.axle.query.PageParams;
import io.axle.query.Partners;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;

/** A partner key for customer A sees A's customer record and no other: the list holds A alone, B is unknown. */
class CustomerQueryControllerPartnerTest {

    private static final CustomerView A = new CustomerView("customer-a", "Acme", "buyer@acme.test", "FR", "EUR",
            BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.TEN);
    private static final CustomerView B = new CustomerView("customer-b", "Bolt", "buyer@bolt.test", "DE", "EUR",
            BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.TEN);

    private final QueryGateway gateway = mock(QueryGateway.class);
    private final CustomerQueryController controller = new CustomerQueryController(gateway);

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
    void theListHoldsItsOwnCustomerOnly() {
        var page = controller.list(new PageParams(null, null));

        assertThat(page.content()).containsExactly(A);
        assertThat(page.totalElements()).isEqualTo(1);
        verify(gateway, never()).query(any(ListCustomersQuery.class), any(ResponseType.class));
        assertThat(controller.list(new PageParams(1, null)).content()).isEmpty();
    }
}
