package io.axle.command.customer;

import io.axle.api.invoice.CreditNoteView;
import io.axle.api.invoice.ExportInvoicesQuery;
import io.axle.api.invoice.InvoiceView;
import io.axle.api.invoice.ListInvoicesQuery;
import io.axle.billing.BillingProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * What an erasure keeps: a customer's issued invoices and credit notes are legal records, kept with their buyer block
 * for {@code axle.billing.retention} from their issue. Read from the invoice read model, so a document issued in the
 * last moment before the erasure may be missing from the list (it is kept all the same); when the read model cannot
 * be asked, the list is unknown (null) rather than the erasure, already done, reported as failed.
 */
@Component
class RetainedRecords {

    private static final Logger log = LoggerFactory.getLogger(RetainedRecords.class);
    /** More documents than one customer has; the list is an answer to read, not an export. */
    private static final int LIMIT = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final QueryGateway queryGateway;
    private final BillingProperties billing;

    RetainedRecords(QueryGateway queryGateway, BillingProperties billing) {
        this.queryGateway = queryGateway;
        this.billing = billing;
    }

    /**
     * The issued documents of {@code customerId} still kept, each with the last day it is kept; null when the invoice
     * read model could not be asked.
     */
    List<Retained> of(String customerId) {
        ListInvoicesQuery invoices = new ListInvoicesQuery(null, customerId, null, 0, LIMIT);
        List<InvoiceView> found;
        try {
            found = Flux.from(queryGateway.streamingQuery(new ExportInvoicesQuery(invoices, LIMIT), InvoiceView.class))
                    .collectList().block(TIMEOUT);
        } catch (RuntimeException e) {
            log.warn("Customer {} was erased, but the invoices kept for them could not be listed: {}", customerId,
                    e.toString());
            return null;
        }
        List<Retained> kept = new ArrayList<>();
        found.forEach(invoice -> {
            if (invoice.issuedAt() != null) {
                kept.add(new Retained("invoice", invoice.number(), keptUntil(invoice.issuedAt())));
            }
            for (CreditNoteView note : invoice.creditNotes() == null ? List.<CreditNoteView>of()
                    : invoice.creditNotes()) {
                if (note.issuedAt() != null) {
                    kept.add(new Retained("credit-note", note.number(), keptUntil(note.issuedAt())));
                }
            }
        });
        kept.sort(Comparator.comparing(Retained::keptUntil).thenComparing(Retained::number));
        return kept;
    }

    private LocalDate keptUntil(Instant issuedAt) {
        return LocalDate.ofInstant(issuedAt, ZoneOffset.UTC).plus(billing.getRetention());
    }

    /** A document kept after the erasure: its kind ({@code invoice}, {@code credit-note}), number and last day. */
    record Retained(String kind, String number, LocalDate keptUntil) {
    }
}
