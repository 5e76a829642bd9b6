package io.axle.query.invoice;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.axle.api.common.PageResult;
import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.CreditNoteIssuedEvent;
import io.axle.api.invoice.CreditNoteRequestedEvent;
import io.axle.api.invoice.CreditNoteView;
import io.axle.api.invoice.DocumentEmailedEvent;
import io.axle.api.invoice.FindInvoiceQuery;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceOverdueEvent;
import io.axle.api.invoice.InvoiceRequestRejectedEvent;
import io.axle.api.invoice.InvoiceRequestedEvent;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.invoice.InvoiceView;
import io.axle.api.invoice.ListInvoicesQuery;
import io.axle.api.invoice.PaymentRecordedEvent;
import io.axle.api.invoice.PaymentView;
import io.axle.api.invoice.WatchInvoicesQuery;
import io.axle.query.Pages;
import io.axle.query.ReadModels;
import jakarta.annotation.PostConstruct;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Projects the Invoice aggregate's events into one {@link InvoiceDocument} per invoice and answers the invoice queries.
 *
 * <p>The request creates the document; issue fills in what the issued {@link BillingDocument} fixed (number, buyer's
 * name, lines, taxes, totals, exchange rate, due date); payments, overdue and credit notes keep the paid and credited
 * amounts, the balance and the status as the aggregate computed them. Every write is conditional on the document's
 * stored aggregate sequence number being lower than the event's, so redelivery or a replay changes nothing and emits no
 * update. After each change the invoice goes to {@link FindInvoiceQuery} subscribers of that invoice and to matching
 * {@link WatchInvoicesQuery} subscribers.
 */
@Component
@ProcessingGroup("invoices")
public class InvoiceProjection {

    static final String COLLECTION = "invoices";
    /** How many of the newest invoices a {@link WatchInvoicesQuery} of every invoice answers with before its updates. */
    static final int WATCH_INITIAL_SIZE = 20;

    private static final Logger log = LoggerFactory.getLogger(InvoiceProjection.class);
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("requestedAt"), Sort.Order.desc("invoiceId"));

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updateEmitter;

    public InvoiceProjection(MongoTemplate mongo, QueryUpdateEmitter updateEmitter) {
        this.mongo = mongo;
        this.updateEmitter = updateEmitter;
    }

    /** Creates the indexes the list and its filters need on a real MongoDB; servers that refuse them only cost speed. */
    @PostConstruct
    void createIndexes() {
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("requestedAt", Sort.Direction.DESC)
                .named("requestedAt"));
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("status", Sort.Direction.ASC)
                .on("requestedAt", Sort.Direction.DESC).named("status_requestedAt"));
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("customerId", Sort.Direction.ASC)
                .on("requestedAt", Sort.Direction.DESC).named("customerId_requestedAt"));
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("orderId", Sort.Direction.ASC).named("orderId"));
    }

    @EventHandler
    void on(InvoiceRequestedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Update update = new Update()
                .set("orderId", event.orderId())
                .set("customerId", event.customerId())
                .set("status", InvoiceStatus.REQUESTED)
                .set("templateId", event.templateId())
                .set("reverseCharge", false)
                .set("requestedAt", event.requestedAt() != null ? event.requestedAt() : at)
                .set("paidAmount", BigDecimal.ZERO)
                .set("creditedAmount", BigDecimal.ZERO)
                .set("payments", List.of())
                .set("creditNotes", List.of())
                .set("emails", List.of())
                .set("updatedAt", at)
                .set("sequence", sequence);
        InvoiceDocument requested;
        try {
            requested = mongo.findAndModify(notYetApplied(event.invoiceId(), sequence), update,
                    FindAndModifyOptions.options().upsert(true).returnNew(true), InvoiceDocument.class, COLLECTION);
        } catch (DuplicateKeyException alreadyApplied) {
            return;
        }
        publish(requested);
    }

    @EventHandler
    void on(InvoiceRequestRejectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String rejection = event.reason() != null ? event.reason() : event.field() + ": " + event.rule();
        change(event.invoiceId(), sequence, at, current -> new Update()
                .set("status", InvoiceStatus.REJECTED)
                .set("rejection", rejection));
    }

    @EventHandler
    void on(InvoiceIssuedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        BillingDocument document = event.document();
        change(event.invoiceId(), sequence, at, current -> new Update()
                .set("number", document.number())
                .set("orderId", event.orderId())
                .set("orderNumber", document.orderNumber())
                .set("customerId", event.customerId())
                .set("customerName", document.buyer() == null ? null : document.buyer().name())
                .set("status", InvoiceStatus.ISSUED)
                .set("currency", document.currency())
                .set("accountingCurrency", document.accountingCurrency())
                .set("exchangeRate", document.exchangeRate())
                .set("issuedAt", document.issuedAt())
                .set("dueDate", document.dueDate() == null ? null : document.dueDate().toString())
                .set("templateId", document.templateId())
                .set("language", document.language())
                .set("lines", document.lines())
                .set("totalExclTax", document.totalExclTax())
                .set("totalTax", document.totalTax())
                .set("totalInclTax", document.totalInclTax())
                .set("taxes", document.taxes())
                .set("reverseCharge", document.reverseCharge())
                .set("legalMentions", document.legalMentions())
                .set("pdfSha256", event.pdfSha256())
                .set("balance", document.totalInclTax() == null ? null : document.totalInclTax()
                        .subtract(orZero(current.paidAmount())).subtract(orZero(current.creditedAmount()))));
    }

    @EventHandler
    void on(PaymentRecordedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        PaymentView payment = new PaymentView(event.paymentId(), event.amount(), event.recordedBy(),
                event.recordedAt() != null ? event.recordedAt() : at);
        change(event.invoiceId(), sequence, at, current -> new Update()
                .push("payments", payment)
                .set("paidAmount", event.paidTotal())
                .set("balance", event.balance())
                .set("status", event.status()));
    }

    @EventHandler
    void on(InvoiceOverdueEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.invoiceId(), sequence, at, current -> new Update()
                .set("status", InvoiceStatus.OVERDUE)
                .set("balance", event.balance()));
    }

    @EventHandler
    void on(CreditNoteRequestedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        CreditNoteView requested = new CreditNoteView(event.creditNoteId(), null, event.reason(), event.lines(), null,
                null, null, null, event.requestedAt() != null ? event.requestedAt() : at, null);
        change(event.invoiceId(), sequence, at, current -> new Update().push("creditNotes", requested));
    }

    @EventHandler
    void on(CreditNoteIssuedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.invoiceId(), sequence, at, current -> new Update()
                .set("creditNotes", withIssued(current.creditNotesOrEmpty(), event, at))
                .set("creditedAmount", event.creditedTotal())
                .set("balance", event.balance())
                .set("status", event.status()));
    }

    @EventHandler
    void on(DocumentEmailedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        DocumentEmailedEvent sent = event.sentAt() != null ? event : new DocumentEmailedEvent(event.invoiceId(),
                event.documentNumber(), event.recipient(), event.channel(), event.messageId(), at);
        change(event.invoiceId(), sequence, at, current -> new Update().push("emails", sent));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), COLLECTION);
    }

    @QueryHandler
    InvoiceView handle(FindInvoiceQuery query) {
        InvoiceDocument invoice = mongo.findById(query.invoiceId(), InvoiceDocument.class, COLLECTION);
        return invoice == null ? null : invoice.toView();
    }

    /**
     * Declared with the raw {@link PageResult} because Axon 4 matches {@code ResponseTypes.instanceOf(PageResult.class)}
     * only against a non-parameterized return type (AxonFramework issue #1537); the content is {@link InvoiceView}.
     */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    PageResult handle(ListInvoicesQuery query) {
        return page(query);
    }

    PageResult<InvoiceView> page(ListInvoicesQuery query) {
        Query filter = new Query();
        if (query.orderId() != null) {
            filter.addCriteria(where("orderId").is(query.orderId()));
        }
        if (query.customerId() != null) {
            filter.addCriteria(where("customerId").is(query.customerId()));
        }
        if (query.status() != null) {
            filter.addCriteria(where("status").is(query.status()));
        }
        return Pages.page(mongo, COLLECTION, InvoiceDocument.class, filter, NEWEST_FIRST, query.page(), query.size(),
                InvoiceDocument::toView);
    }

    /**
     * The initial answer of the invoice watch: that invoice if one is named (none if unknown yet), else the newest;
     * only the watched customer's when the query names one.
     */
    @QueryHandler
    List<InvoiceView> handle(WatchInvoicesQuery query) {
        if (query.invoiceId() != null) {
            InvoiceView invoice = handle(new FindInvoiceQuery(query.invoiceId()));
            return invoice == null || !query.watches(invoice.invoiceId(), invoice.customerId()) ? List.of()
                    : List.of(invoice);
        }
        return page(new ListInvoicesQuery(null, query.customerId(), null, 0, WATCH_INITIAL_SIZE)).content();
    }

    /** The credit notes with the issued one filled in (added if its request was never seen). */
    private static List<CreditNoteView> withIssued(List<CreditNoteView> notes, CreditNoteIssuedEvent event,
            Instant at) {
        BillingDocument document = event.document();
        List<CreditNoteView> result = new ArrayList<>(notes.size() + 1);
        boolean found = false;
        for (CreditNoteView note : notes) {
            if (note.creditNoteId().equals(event.creditNoteId())) {
                result.add(issued(note, document, event.pdfSha256(), at));
                found = true;
            } else {
                result.add(note);
            }
        }
        if (!found) {
            CreditNoteView unseen = new CreditNoteView(event.creditNoteId(), null, document.reason(), List.of(), null,
                    null, null, null, null, null);
            result.add(issued(unseen, document, event.pdfSha256(), at));
        }
        return result;
    }

    private static CreditNoteView issued(CreditNoteView requested, BillingDocument document, String pdfSha256,
            Instant at) {
        return new CreditNoteView(requested.creditNoteId(), document.number(),
                requested.reason() != null ? requested.reason() : document.reason(), requested.lines(),
                document.totalExclTax(), document.totalTax(), document.totalInclTax(), pdfSha256,
                requested.requestedAt(), document.issuedAt() != null ? document.issuedAt() : at);
    }

    private void change(String invoiceId, long sequence, Instant at, Function<InvoiceDocument, Update> change) {
        ReadModels.Result<InvoiceDocument> result = ReadModels.updateIfNewer(mongo, COLLECTION, InvoiceDocument.class,
                "invoiceId", invoiceId, sequence, InvoiceDocument::sequence,
                current -> change.apply(current).set("updatedAt", at));
        if (result.outcome() == ReadModels.Outcome.NO_DOCUMENT) {
            log.warn("Invoice {} has no read-model document, so its event #{} was skipped: its request was never "
                    + "projected. Reset and replay the 'invoices' processing group to rebuild the invoices.", invoiceId,
                    sequence);
        } else if (result.outcome() == ReadModels.Outcome.APPLIED) {
            publish(result.document());
        }
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static Query notYetApplied(String invoiceId, long sequence) {
        return query(where("invoiceId").is(invoiceId).and("sequence").lt(sequence));
    }

    private void publish(InvoiceDocument invoice) {
        InvoiceView view = invoice.toView();
        updateEmitter.emit(FindInvoiceQuery.class, query -> invoice.invoiceId().equals(query.invoiceId()), view);
        updateEmitter.emit(WatchInvoicesQuery.class,
                query -> query.watches(invoice.invoiceId(), view.customerId()), view);
    }
}
