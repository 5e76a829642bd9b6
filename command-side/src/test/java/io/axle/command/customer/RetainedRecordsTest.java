package io.axle.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.api.invoice.CreditNoteView;
import io.axle.api.invoice.ExportInvoicesQuery;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.invoice.InvoiceView;
import io.axle.billing.BillingProperties;
import io.axle.command.customer.RetainedRecords.Retained;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** What an erasure says it keeps: issued documents until their issue day plus the retention. */
class RetainedRecordsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T23:30:00Z");

    private final SimpleQueryBus bus = SimpleQueryBus.builder().build();
    private final BillingProperties billing = new BillingProperties();
    private final RetainedRecords retained = new RetainedRecords(DefaultQueryGateway.builder().queryBus(bus).build(),
            billing);

    private void invoiceReadModel(Object handler) {
        new AnnotationQueryHandlerAdapter<>(handler).subscribe(bus);
    }

    @Test
    void issuedInvoicesAndCreditNotesAreKeptForTheRetentionFromTheirIssueDay() {
        CreditNoteView note = new CreditNoteView("cn-1", "CN-2026-000001", "damaged", List.of(), null, null, null, null,
                T0, T0.plusSeconds(86_400));
        CreditNoteView requestedNote = new CreditNoteView("cn-2", null, "late", List.of(), null, null, null, null, T0,
                null);
        invoiceReadModel(new Object() {
            @QueryHandler
            Flux<InvoiceView> handle(ExportInvoicesQuery query) {
                assertThat(query.list().customerId()).isEqualTo("c-1");
                return Flux.just(invoice("INV-2026-000007", T0, List.of(note, requestedNote)),
                        invoice(null, null, List.of()));
            }
        });

        assertThat(retained.of("c-1")).containsExactly(
                new Retained("invoice", "INV-2026-000007", LocalDate.of(2036, 3, 1)),
                new Retained("credit-note", "CN-2026-000001", LocalDate.of(2036, 3, 2)));
    }

    @Test
    void theRetentionIsConfigurable() {
        billing.setRetention(Period.ofYears(6));
        invoiceReadModel(new Object() {
            @QueryHandler
            Flux<InvoiceView> handle(ExportInvoicesQuery query) {
                return Flux.just(invoice("INV-2026-000007", T0, List.of()));
            }
        });

        assertThat(retained.of("c-1")).extracting(Retained::keptUntil).containsExactly(LocalDate.of(2032, 3, 1));
    }

    @Test
    void aReadModelThatCannotBeAskedLeavesTheListUnknown() {
        invoiceReadModel(new Object() {
            @QueryHandler
            Flux<InvoiceView> handle(ExportInvoicesQuery query) {
                throw new IllegalStateException("read store down");
            }
        });

        assertThat(retained.of("c-1")).isNull();
    }

    private static InvoiceView invoice(String number, Instant issuedAt, List<CreditNoteView> notes) {
        return new InvoiceView("i-" + number, number, "o-1", null, "c-1", "Garage Dupont",
                issuedAt == null ? InvoiceStatus.REQUESTED : InvoiceStatus.ISSUED, "EUR", "EUR", null, T0, issuedAt,
                null, null, null, List.of(), null, null, null, List.of(), false, List.of(), null, null, null, null,
                List.of(), notes, List.of(), List.of(), null, T0);
    }
}
