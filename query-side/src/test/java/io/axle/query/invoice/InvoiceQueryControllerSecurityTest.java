package io.axle.query.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.axle.api.common.PageResult;
import io.axle.api.invoice.FindInvoiceQuery;
import io.axle.api.invoice.InvoiceView;
import io.axle.api.invoice.ListInvoicesQuery;
import io.axle.query.UpdateStreams;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import io.axle.query.CsvExports;
import io.axle.query.ListParams;

/** Who may read invoices (the readers of orders): the controller's method security as Spring enforces it. */
class InvoiceQueryControllerSecurityTest {

    private static final InvoiceView INVOICE = InvoiceQueryControllerTest.issuedView();
    private static final InvoiceListParams NO_FILTER = new InvoiceListParams(null, null, null, null, null, null);

    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Wiring.class);
    private final InvoiceQueryController controller = context.getBean(InvoiceQueryController.class);

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "OPERATOR", "ANALYST", "PARTNER"})
    void readersMayReadInvoices(String role) {
        signIn(role);

        assertThat(controller.find("inv-1").number()).isEqualTo("INV-2026-000042");
        assertThat(controller.list(NO_FILTER, ListParams.NONE).content()).extracting(InvoiceView::invoiceId).containsExactly("inv-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TECHNICIAN", "DEVICE"})
    void techniciansAndDevicesMayNot(String role) {
        signIn(role);

        assertThatThrownBy(() -> controller.find("inv-1")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.list(NO_FILTER, ListParams.NONE)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.updates(null)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobodySignedInMayNot() {
        assertThatThrownBy(() -> controller.find("inv-1"))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> controller.updates("inv-1"))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    private static void signIn(String role) {
        if (role.equals("PARTNER")) {
            io.axle.query.Partners.signInAsPartnerOf(INVOICE.customerId());
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("someone", "n/a", "ROLE_" + role));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableMethodSecurity
    static class Wiring {

        @Bean
        @SuppressWarnings({"unchecked", "rawtypes"})
        QueryGateway queryGateway() {
            QueryGateway gateway = mock(QueryGateway.class);
            when(gateway.query(new FindInvoiceQuery("inv-1"), InvoiceView.class))
                    .thenReturn(CompletableFuture.completedFuture(INVOICE));
            when(gateway.query(any(ListInvoicesQuery.class), any(ResponseType.class)))
                    .thenReturn((CompletableFuture) CompletableFuture.completedFuture(
                            new PageResult<>(List.of(INVOICE), 0, 20, 1)));
            return gateway;
        }

        @Bean
        InvoiceQueryController invoiceQueryController(QueryGateway queryGateway) {
            return new InvoiceQueryController(queryGateway, new UpdateStreams(queryGateway),
                    new CsvExports(queryGateway, CsvExports.DEFAULT_MAX_ROWS));
        }
    }
}
