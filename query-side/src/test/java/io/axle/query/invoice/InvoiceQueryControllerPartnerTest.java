package io.axle.query.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.axle.api.common.PageResult;
import io.axle.api.invoice.FindInvoiceQuery;
import io.axle.api.invoice.InvoiceTotals;
import io.axle.api.invoice.InvoiceTotalsQuery;
import io.axle.api.invoice.InvoiceView;
import io.axle.api.invoice.OutstandingTotal;
import io.axle.api.invoice.ListInvoicesQuery;
import io.axle.api.invoice.WatchInvoicesQuery;
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

/** A partner key reads its own customer's invoices only (the example invoice is customer c-1's). */
class InvoiceQueryControllerPartnerTest {

    private static final InvoiceView OF_C1 = InvoiceQueryControllerTest.issuedView();
    private static final InvoiceListParams NO_FILTER = new InvoiceListParams(null, null, null, null, null, null);

    private final QueryGateway gateway = mock(QueryGateway.class);
    private final UpdateStreams streams = new UpdateStreams(gateway);
    private final InvoiceQueryController controller = new InvoiceQueryController(gateway, streams,
            new CsvExports(gateway, CsvExports.DEFAULT_MAX_ROWS));

    @BeforeEach
    void oneInvoice() {
        when(gateway.query(new FindInvoiceQuery("inv-1"), InvoiceView.class))
                .thenReturn(CompletableFuture.completedFuture(OF_C1));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
        streams.destroy();
    }

    @Test
    void theInvoiceOfItsCustomerIsShown() {
        Partners.signInAsPartnerOf("c-1");

        assertThat(controller.find("inv-1").invoiceId()).isEqualTo("inv-1");
    }

    @Test
    void anotherCustomersInvoiceIsNotFound() {
        Partners.signInAsPartnerOf("c-2");

        assertThatThrownBy(() -> controller.find("inv-1")).isInstanceOf(NotFoundException.class)
                .hasMessage("invoice inv-1 not found");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void theListAsksForItsOwnCustomersInvoicesOnly() {
        Partners.signInAsPartnerOf("c-2");
        ArgumentCaptor<ListInvoicesQuery> asked = ArgumentCaptor.forClass(ListInvoicesQuery.class);
        when(gateway.query(asked.capture(), any(ResponseType.class))).thenReturn(
                (CompletableFuture) CompletableFuture.completedFuture(new PageResult<>(List.of(), 0, 20, 0)));

        controller.list(NO_FILTER, ListParams.NONE);

        assertThat(asked.getValue().customerId()).isEqualTo("c-2");
        assertThat(controller.list(new InvoiceListParams(null, "c-1", null, null, null, null), ListParams.NONE).content()).isEmpty();
        verify(gateway, org.mockito.Mockito.times(1)).query(any(ListInvoicesQuery.class), any(ResponseType.class));
    }

    @Test
    void theTotalsAreOfItsOwnCustomersInvoicesOnly() {
        Partners.signInAsPartnerOf("c-2");
        InvoiceTotals owed = new InvoiceTotals(List.of(new OutstandingTotal("EUR", BigDecimal.TEN, 1)));
        when(gateway.query(new InvoiceTotalsQuery(null, "c-2", null, null), InvoiceTotals.class))
                .thenReturn(CompletableFuture.completedFuture(owed));

        assertThat(controller.totals(NO_FILTER)).isEqualTo(owed);
        assertThat(controller.totals(new InvoiceListParams(null, "c-1", null, null, null, null)).totals()).isEmpty();
        verify(gateway, org.mockito.Mockito.times(1)).query(any(InvoiceTotalsQuery.class), eq(InvoiceTotals.class));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void theLiveStreamWatchesItsOwnCustomersInvoicesOnly() {
        Partners.signInAsPartnerOf("c-2");
        when(gateway.subscriptionQuery(any(WatchInvoicesQuery.class), any(ResponseType.class),
                any(ResponseType.class))).thenReturn(new DefaultSubscriptionQueryResult(
                Mono.just(List.of()), Flux.never(), () -> true));

        controller.updates("inv-1");

        verify(gateway).subscriptionQuery(eq(new WatchInvoicesQuery("inv-1", "c-2")), any(ResponseType.class),
                any(ResponseType.class));
        verify(gateway, never()).subscriptionQuery(eq(new WatchInvoicesQuery("inv-1")), any(ResponseType.class),
                any(ResponseType.class));
    }
}
