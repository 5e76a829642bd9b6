package io.axle.query.invoice;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.axle.api.common.PageResult;
import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.CreditNoteIssuedEvent;
import io.axle.api.invoice.CreditNoteRequestedEvent;
import io.axle.api.invoice.CreditNoteView;
import io.axle.api.invoice.DocumentEmailedEvent;
import io.axle.api.invoice.ExportInvoicesQuery;
import io.axle.api.invoice.FindInvoiceQuery;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceOverdueEvent;
import io.axle.api.invoice.InvoiceRequestRejectedEvent;
import io.axle.api.invoice.InvoiceRequestedEvent;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.invoice.InvoiceTotals;
import io.axle.api.invoice.InvoiceTotalsQuery;
import io.axle.api.invoice.InvoiceView;
import io.axle.api.invoice.ListInvoicesQuery;
import io.axle.api.invoice.OutstandingTotal;
import io.axle.api.invoice.PaymentRecordedEvent;
import io.axle.api.invoice.PaymentReminderSentEvent;
import io.axle.api.invoice.PaymentReminderView;
import io.axle.api.invoice.PaymentView;
import io.axle.api.invoice.WatchInvoicesQuery;
import io.axle.query.Listing;
import io.axle.query.Pages;
import io.axle.query.ReadModels;
import jakarta.annotation.PostConstruct;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.bson.types.Decimal128;
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
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Projects the Invoice aggregate's events into one {@link InvoiceDocument} per invoice and answers the invoice queries.
 *
 * <p>The request creates the document; issue fills in what the issued {@link BillingDocument} fixed (number, buyer's
 * name, lines, taxes, totals, exchange rate, due date); payments, overdue and credit notes keep the paid and credited
 * amounts, the balance and the status as the aggregate computed them; e-mails and payment reminders sent are listed. Every write is conditional on the document's
 * stored aggregate sequence number being lower than the event's, so redelivery or a replay changes nothing and emits no
 * update. After each change the invoice goes to {@link FindInvoiceQuery} subscribers of that invoice and to matching
 * {@link WatchInvoicesQuery} subscribers.
 *
 * <p>Beside its view, each document keeps {@code outstanding}: its balance while it is open, else zero, as a
 * {@link Decimal128} (amounts are otherwise stored as text), so that {@link InvoiceTotalsQuery} sums it in MongoDB.
 * Documents written before it was kept count as owing nothing until the group is replayed.
 */
@Component
@ProcessingGroup("invoices")
public class InvoiceProjection {

    static final String COLLECTION = "invoices";
    /** The field summed by {@link InvoiceTotalsQuery}. */
    static final String OUTSTANDING = "outstanding";
    /** How many of the newest invoices a {@link WatchInvoicesQuery} of every invoice answers with before its updates. */
    static final int WATCH_INITIAL_SIZE = 20;

    private static final Logger log = LoggerFactory.getLogger(InvoiceProjection.class);
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("requestedAt"), Sort.Order.desc("invoiceId"));

    /**
     * The invoice list: searched by invoice and order number and customer name, dated when issued (an invoice not
     * issued yet falls outside any date range), sortable by what is still owed as it is stored as a number.
     */
    static final Listing LISTING = Listing.of(COLLECTION, "invoiceId")
            .searching("number", "orderNumber", "customerName")
            .dated("issuedAt")
            .sortable("requestedAt", "issuedAt", "number", "dueDate", "status", "customerName")
            .sortableAs("outstanding", OUTSTANDING)
            .inUsualOrder(NEWEST_FIRST);

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
        for (String field : List.of("issuedAt", "number", "dueDate", "customerName", OUTSTANDING)) {
            ReadModels.createIndex(mongo, COLLECTION, new Index().on(field, Sort.Direction.ASC)
                    .on("_id", Sort.Direction.ASC).named(field + "_id"));
        }
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
                .set("reminders", List.of())
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
                .set("balance", balanceAtIssue(document, current))
                .set(OUTSTANDING, outstanding(InvoiceStatus.ISSUED, balanceAtIssue(document, current))));
    }

    private static BigDecimal balanceAtIssue(BillingDocument document, InvoiceDocument current) {
        return document.totalInclTax() == null ? null : document.totalInclTax()
                .subtract(orZero(current.paidAmount())).subtract(orZero(current.creditedAmount()));
    }

    @EventHandler
    void on(PaymentRecordedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        PaymentView payment = new PaymentView(event.paymentId(), event.amount(), event.recordedBy(),
                event.recordedAt() != null ? event.recordedAt() : at, event.paidOn(), event.method(),
                event.reference());
        change(event.invoiceId(), sequence, at, current -> new Update()
                .push("payments", payment)
                .set("paidAmount", event.paidTotal())
                .set("balance", event.balance())
                .set("status", event.status())
                .set(OUTSTANDING, outstanding(event.status(), event.balance())));
    }

    @EventHandler
    void on(InvoiceOverdueEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.invoiceId(), sequence, at, current -> new Update()
                .set("status", InvoiceStatus.OVERDUE)
                .set("balance", event.balance())
                .set(OUTSTANDING, outstanding(InvoiceStatus.OVERDUE, event.balance())));
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
                .set("status", event.status())
                .set(OUTSTANDING, outstanding(event.status(), event.balance())));
    }

    @EventHandler
    void on(DocumentEmailedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        DocumentEmailedEvent sent = event.sentAt() != null ? event : new DocumentEmailedEvent(event.invoiceId(),
                event.documentNumber(), event.recipient(), event.channel(), event.messageId(), at);
        change(event.invoiceId(), sequence, at, current -> new Update().push("emails", sent));
    }

    @EventHandler
    void on(PaymentReminderSentEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        PaymentReminderView sent = new PaymentReminderView(event.reminder(), event.recipient(), event.channel(),
                event.sentAt() != null ? event.sentAt() : at);
        change(event.invoiceId(), sequence, at, current -> new Update().push("reminders", sent));
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
        return Pages.page(mongo, COLLECTION, InvoiceDocument.class, listFilter(query),
                LISTING.order(query.criteria()), query.page(), query.size(), InvoiceDocument::toView);
    }

    /** Every invoice the list would page through, in its order, as the cursor reads them. */
    @QueryHandler
    Flux<InvoiceView> handle(ExportInvoicesQuery query) {
        return Pages.stream(mongo, COLLECTION, InvoiceDocument.class, listFilter(query.list()),
                LISTING.order(query.list().criteria()), query.limit(), InvoiceDocument::toView);
    }

    private static Query listFilter(ListInvoicesQuery query) {
        return new Query(filter(query.orderId(), query.customerId(), query.status(), query.overdueOn(),
                LISTING.conditions(query.criteria())));
    }

    /** What the invoices of a list with the same filters still owe, per currency, summed by MongoDB. */
    @QueryHandler
    InvoiceTotals handle(InvoiceTotalsQuery query) {
        Criteria filter = filter(query.orderId(), query.customerId(), query.status(), query.overdueOn(), List.of());
        Aggregation totals = Aggregation.newAggregation(
                Aggregation.match(filter),
                Aggregation.match(where("currency").ne(null)),
                Aggregation.group("currency").sum(OUTSTANDING).as(OUTSTANDING).count().as("count"),
                Aggregation.sort(Sort.Direction.ASC, "_id"));
        return new InvoiceTotals(mongo.aggregate(totals, COLLECTION, org.bson.Document.class).getMappedResults()
                .stream()
                .map(InvoiceProjection::total)
                .toList());
    }

    private static OutstandingTotal total(org.bson.Document group) {
        String currency = group.getString("_id");
        Object sum = group.get(OUTSTANDING);
        BigDecimal outstanding = sum instanceof Decimal128 decimal ? decimal.bigDecimalValue()
                : sum instanceof Number number ? new BigDecimal(number.toString()) : BigDecimal.ZERO;
        return new OutstandingTotal(currency, inMinorUnits(outstanding, currency),
                ((Number) group.get("count")).longValue());
    }

    private static BigDecimal inMinorUnits(BigDecimal amount, String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 || amount.scale() > digits ? amount : amount.setScale(digits);
        } catch (IllegalArgumentException unknown) {
            return amount;
        }
    }

    /**
     * The invoices of an order, of a customer, in a status, and overdue on {@code overdueOn}: OVERDUE, or open and due
     * before that day (the overdue deadline runs at the start of the day after the due date, UTC; due dates are ISO
     * text, which sorts as the dates do), and meeting the list's {@code conditions}.
     */
    private static Criteria filter(String orderId, String customerId, InvoiceStatus status, LocalDate overdueOn,
            List<Criteria> conditions) {
        List<Criteria> all = new ArrayList<>(conditions);
        if (orderId != null) {
            all.add(where("orderId").is(orderId));
        }
        if (customerId != null) {
            all.add(where("customerId").is(customerId));
        }
        if (status != null) {
            all.add(where("status").is(status));
        }
        if (overdueOn != null) {
            all.add(new Criteria().orOperator(where("status").is(InvoiceStatus.OVERDUE),
                    where("status").in(InvoiceStatus.ISSUED, InvoiceStatus.PARTIALLY_PAID)
                            .and("dueDate").lt(overdueOn.toString())));
        }
        return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
    }

    /** What an invoice in {@code status} with {@code balance} still owes: the balance while open, else zero. */
    private static Decimal128 outstanding(InvoiceStatus status, BigDecimal balance) {
        boolean open = status == InvoiceStatus.ISSUED || status == InvoiceStatus.PARTIALLY_PAID
                || status == InvoiceStatus.OVERDUE;
        return new Decimal128(open && balance != null && balance.signum() > 0 ? balance : BigDecimal.ZERO);
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
