package io.axle.query.invoice;

import io.axle.api.common.PageResult;
import io.axle.api.invoice.ExportInvoicesQuery;
import io.axle.api.invoice.FindInvoiceQuery;
import io.axle.api.invoice.InvoiceTotals;
import io.axle.api.invoice.InvoiceTotalsQuery;
import io.axle.api.invoice.InvoiceView;
import io.axle.api.invoice.ListInvoicesQuery;
import io.axle.api.invoice.WatchInvoicesQuery;
import io.axle.platform.security.PartnerScope;
import io.axle.platform.web.NotFoundException;
import io.axle.query.CsvColumns;
import io.axle.query.CsvExports;
import io.axle.query.ListParams;
import io.axle.query.PageParams;
import io.axle.query.Pages;
import io.axle.query.UpdateStreams;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The invoice read API: one invoice, a filtered, searched and sorted page of invoices or all of them as CSV, and their
 * live updates as server-sent events. Read
 * by the same roles as orders. The PDF ({@code /api/v1/invoices/{id}/pdf}) and the payment and credit-note commands
 * are served by the billing and command sides. A partner sees its own customer's invoices only; another customer's
 * invoice answers 404 as an unknown one does.
 */
@RestController
@RequestMapping("/api/v1/invoices")
public class InvoiceQueryController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','ANALYST','PARTNER')";
    static final String EVENT = "invoice";

    /** The columns of the CSV export, amounts as plain decimals beside their currency. */
    static final CsvColumns<InvoiceView> CSV = CsvColumns.of(InvoiceView.class)
            .column("number", InvoiceView::number)
            .column("invoiceId", InvoiceView::invoiceId)
            .column("orderNumber", InvoiceView::orderNumber)
            .column("customerId", InvoiceView::customerId)
            .column("customerName", InvoiceView::customerName)
            .column("status", InvoiceView::status)
            .column("issuedAt", InvoiceView::issuedAt)
            .column("dueDate", InvoiceView::dueDate)
            .column("totalExclTax", InvoiceView::totalExclTax)
            .column("totalTax", InvoiceView::totalTax)
            .column("totalInclTax", InvoiceView::totalInclTax)
            .column("paidAmount", InvoiceView::paidAmount)
            .column("balance", InvoiceView::balance)
            .column("currency", InvoiceView::currency);

    private final QueryGateway queryGateway;
    private final UpdateStreams updateStreams;
    private final CsvExports exports;
    private final Clock clock;

    @Autowired
    public InvoiceQueryController(QueryGateway queryGateway, UpdateStreams updateStreams, CsvExports exports) {
        this(queryGateway, updateStreams, exports, Clock.systemUTC());
    }

    InvoiceQueryController(QueryGateway queryGateway, UpdateStreams updateStreams, CsvExports exports, Clock clock) {
        this.queryGateway = queryGateway;
        this.updateStreams = updateStreams;
        this.exports = exports;
        this.clock = clock;
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    public InvoiceView find(@PathVariable String id) {
        InvoiceView invoice = queryGateway.query(new FindInvoiceQuery(id), InvoiceView.class).join();
        if (invoice == null || !PartnerScope.mayAccess(invoice.customerId())) {
            throw new NotFoundException("invoice", id);
        }
        return invoice;
    }

    /**
     * Invoices newest first, or as {@code sort} asks, filtered by order, customer, status, {@code overdue=true}, search
     * and issue date; an unknown status is a 400 naming the others.
     */
    @GetMapping
    @PreAuthorize(READERS)
    public PageResult<InvoiceView> list(@Valid InvoiceListParams params, @Valid ListParams list) {
        PageParams paging = params.paging();
        if (asksForAnotherCustomer(params)) {
            return Pages.empty(paging);
        }
        return Pages.queryPage(queryGateway, query(params, list, paging));
    }

    /** Every row the same filters match, as CSV ({@code Accept: text/csv} or {@code ?format=csv}). */
    @GetMapping(produces = CsvExports.CSV)
    @PreAuthorize(READERS)
    public ResponseEntity<StreamingResponseBody> export(@Valid InvoiceListParams params, @Valid ListParams list) {
        String name = InvoiceProjection.LISTING.name();
        if (asksForAnotherCustomer(params)) {
            return exports.none(name, CSV);
        }
        ListInvoicesQuery query = query(params, list, params.paging());
        return exports.export(name, InvoiceView.class, CSV, limit -> new ExportInvoicesQuery(query, limit));
    }

    private ListInvoicesQuery query(InvoiceListParams params, ListParams list, PageParams paging) {
        return new ListInvoicesQuery(InvoiceListParams.filter(params.orderId()), customerFilter(params),
                params.statusFilter(), params.overdueOn(clock), InvoiceProjection.LISTING.criteria(list),
                paging.pageOrDefault(), paging.sizeOrDefault());
    }

    /**
     * What the invoices the same filters list still owe, per currency ({@code page} and {@code size} are ignored); a
     * partner's are its own customer's only.
     */
    @GetMapping("/totals")
    @PreAuthorize(READERS)
    public InvoiceTotals totals(@Valid InvoiceListParams params) {
        if (asksForAnotherCustomer(params)) {
            return new InvoiceTotals(List.of());
        }
        InvoiceTotalsQuery query = new InvoiceTotalsQuery(InvoiceListParams.filter(params.orderId()),
                customerFilter(params), params.statusFilter(), params.overdueOn(clock));
        return queryGateway.query(query, InvoiceTotals.class).join();
    }

    /** Whether a partner asks for another customer's invoices: there are none to show. */
    private static boolean asksForAnotherCustomer(InvoiceListParams params) {
        String customerId = InvoiceListParams.filter(params.customerId());
        Optional<String> partner = PartnerScope.customer();
        return partner.isPresent() && customerId != null && !customerId.equals(partner.get());
    }

    /** The customer asked for, or a partner's own customer whatever was asked. */
    private static String customerFilter(InvoiceListParams params) {
        return PartnerScope.customer().orElse(InvoiceListParams.filter(params.customerId()));
    }

    /**
     * Invoices as events {@code invoice}: without {@code invoiceId}, first the newest ones, oldest of them first, then
     * every change of any invoice; with it, that invoice (once it exists) and each of its changes.
     */
    @GetMapping(path = "/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(READERS)
    public SseEmitter updates(@RequestParam(required = false) String invoiceId) {
        WatchInvoicesQuery watch = new WatchInvoicesQuery(InvoiceListParams.filter(invoiceId),
                PartnerScope.customer().orElse(null));
        return updateStreams.stream(EVENT, watch,
                ResponseTypes.multipleInstancesOf(InvoiceView.class), ResponseTypes.instanceOf(InvoiceView.class),
                UpdateStreams::oldestFirst);
    }
}
