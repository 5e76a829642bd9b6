package io.axle.query.order;

import io.axle.api.common.PageResult;
import io.axle.api.order.ExportOrdersQuery;
import io.axle.api.order.FindOrderByNumberQuery;
import io.axle.api.order.FindOrderQuery;
import io.axle.api.order.ListOrdersQuery;
import io.axle.api.order.OrderDetail;
import io.axle.api.order.OrderSummary;
import io.axle.api.order.WatchOrdersQuery;
import io.axle.platform.security.PartnerScope;
import io.axle.platform.web.NotFoundException;
import io.axle.query.CsvColumns;
import io.axle.query.CsvExports;
import io.axle.query.ListParams;
import io.axle.query.PageParams;
import io.axle.query.Pages;
import io.axle.query.UpdateStreams;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
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
 * The order read API: one order by id or number, a filtered, searched and sorted page of orders or all of them as CSV,
 * and their live updates as server-sent events. A partner sees its own customer's orders only, in lists and exports
 * too; another customer's order answers 404 as an unknown one does.
 */
@RestController
@RequestMapping("/api/v1/orders")
public class OrderQueryController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','ANALYST','PARTNER')";
    static final String EVENT = "order";

    /** The columns of the CSV export, money as a plain decimal beside its currency. */
    static final CsvColumns<OrderSummary> CSV = CsvColumns.of(OrderSummary.class)
            .column("number", OrderSummary::number)
            .column("orderId", OrderSummary::orderId)
            .column("customerId", OrderSummary::customerId)
            .column("status", OrderSummary::status)
            .column("placedAt", OrderSummary::placedAt)
            .column("updatedAt", OrderSummary::updatedAt)
            .column("total", OrderSummary::total)
            .column("currency", OrderSummary::currency)
            .column("reason", OrderSummary::reason);

    private final QueryGateway queryGateway;
    private final UpdateStreams updateStreams;
    private final CsvExports exports;

    public OrderQueryController(QueryGateway queryGateway, UpdateStreams updateStreams, CsvExports exports) {
        this.queryGateway = queryGateway;
        this.updateStreams = updateStreams;
        this.exports = exports;
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    public OrderDetail find(@PathVariable String id) {
        return visible(queryGateway.query(new FindOrderQuery(id), OrderDetail.class).join(), id);
    }

    /** The order numbered {@code number} ({@code SO-2026-000001}, any case). */
    @GetMapping("/by-number/{number}")
    @PreAuthorize(READERS)
    public OrderDetail findByNumber(@PathVariable String number) {
        return visible(queryGateway.query(new FindOrderByNumberQuery(number), OrderDetail.class).join(), number);
    }

    /** The order, if there is one and the caller may see it; otherwise 404 naming what was asked for. */
    private static OrderDetail visible(OrderDetail order, String asked) {
        if (order == null || !PartnerScope.mayAccess(order.customerId())) {
            throw new NotFoundException("order", asked);
        }
        return order;
    }

    /** Orders newest first, or as {@code sort} asks, filtered by status, customer, search and placing date. */
    @GetMapping
    @PreAuthorize(READERS)
    public PageResult<OrderSummary> list(@Valid OrderListParams params, @Valid ListParams list) {
        PageParams paging = params.paging();
        return query(params, list, paging).<PageResult<OrderSummary>>map(query -> Pages.queryPage(queryGateway, query))
                .orElseGet(() -> Pages.empty(paging));
    }

    /** Every row the same filters match, as CSV ({@code Accept: text/csv} or {@code ?format=csv}). */
    @GetMapping(produces = CsvExports.CSV)
    @PreAuthorize(READERS)
    public ResponseEntity<StreamingResponseBody> export(@Valid OrderListParams params, @Valid ListParams list) {
        return query(params, list, params.paging())
                .map(query -> exports.export(OrderProjection.LISTING.name(), OrderSummary.class, CSV,
                        limit -> new ExportOrdersQuery(query, limit)))
                .orElseGet(() -> exports.none(OrderProjection.LISTING.name(), CSV));
    }

    /** The list query the parameters ask for; none when a partner asks for another customer's orders. */
    private static Optional<ListOrdersQuery> query(OrderListParams params, ListParams list, PageParams paging) {
        String customerId = params.customerId();
        Optional<String> partner = PartnerScope.customer();
        if (partner.isPresent()) {
            if (customerId != null && !customerId.equals(partner.get())) {
                return Optional.empty();
            }
            customerId = partner.get();
        }
        return Optional.of(new ListOrdersQuery(params.status(), customerId,
                OrderProjection.LISTING.criteria(list), paging.pageOrDefault(), paging.sizeOrDefault()));
    }

    /** The order as event {@code order}: first its current state, then after every change. */
    @GetMapping(path = "/{id}/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(READERS)
    public SseEmitter updates(@PathVariable String id) {
        return updateStreams.stream(EVENT, new FindOrderQuery(id), ResponseTypes.instanceOf(OrderDetail.class),
                ResponseTypes.instanceOf(OrderDetail.class), order -> {
                    if (order == null || !PartnerScope.mayAccess(order.customerId())) {
                        throw new NotFoundException("order", id);
                    }
                    return List.of(order);
                });
    }

    /** Order summaries as events {@code order}: first the newest ones, oldest of them first, then every change. */
    @GetMapping(path = "/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(READERS)
    public SseEmitter allUpdates(@RequestParam(required = false) String customerId) {
        Optional<String> partner = PartnerScope.customer();
        if (partner.isPresent() && customerId != null && !customerId.equals(partner.get())) {
            throw new NotFoundException("customer", customerId);
        }
        return updateStreams.stream(EVENT, new WatchOrdersQuery(partner.orElse(customerId)),
                ResponseTypes.multipleInstancesOf(OrderSummary.class), ResponseTypes.instanceOf(OrderSummary.class),
                UpdateStreams::oldestFirst);
    }
}
