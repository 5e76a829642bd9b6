package io.axle.query.stock;

import io.axle.api.common.PageResult;
import io.axle.api.stock.ExportStockLevelsQuery;
import io.axle.api.stock.FindStockLevelQuery;
import io.axle.api.stock.ListStockLevelsQuery;
import io.axle.api.stock.StockLevel;
import io.axle.api.stock.WatchStockLevelsQuery;
import io.axle.platform.web.NotFoundException;
import io.axle.query.CsvColumns;
import io.axle.query.CsvExports;
import io.axle.query.ListParams;
import io.axle.query.PageParams;
import io.axle.query.Pages;
import io.axle.query.UpdateStreams;
import jakarta.validation.Valid;
import java.util.List;
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
 * The stock read API: the level of one SKU, a searched and sorted page of levels (by SKU unless asked otherwise) or all
 * of them as CSV, and their live updates as server-sent events.
 */
@RestController
@RequestMapping("/api/v1/stock")
public class StockQueryController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','ANALYST','TECHNICIAN','PARTNER')";
    static final String EVENT = "stock";

    /** The columns of the CSV export, the unit price as a plain decimal beside its currency. */
    static final CsvColumns<StockLevel> CSV = CsvColumns.of(StockLevel.class)
            .column("sku", StockLevel::sku)
            .column("name", StockLevel::name)
            .column("onHand", StockLevel::onHand)
            .column("reserved", StockLevel::reserved)
            .column("available", StockLevel::available)
            .column("reorderPoint", StockLevel::reorderPoint)
            .column("lowStock", StockLevel::lowStock)
            .column("unitPrice", StockLevel::unitPrice)
            .column("currency", StockLevel::currency);

    private final QueryGateway queryGateway;
    private final UpdateStreams updateStreams;
    private final CsvExports exports;

    public StockQueryController(QueryGateway queryGateway, UpdateStreams updateStreams, CsvExports exports) {
        this.queryGateway = queryGateway;
        this.updateStreams = updateStreams;
        this.exports = exports;
    }

    @GetMapping("/{sku}")
    @PreAuthorize(READERS)
    public StockLevel find(@PathVariable String sku) {
        StockLevel level = queryGateway.query(new FindStockLevelQuery(sku), StockLevel.class).join();
        if (level == null) {
            throw new NotFoundException("stock", sku);
        }
        return level;
    }

    /** Stock levels by SKU, or as {@code sort} asks, searched by SKU and product name. */
    @GetMapping
    @PreAuthorize(READERS)
    public PageResult<StockLevel> list(@Valid PageParams paging, @Valid ListParams list) {
        return Pages.queryPage(queryGateway, query(paging, list));
    }

    /** Every row the same filters match, as CSV ({@code Accept: text/csv} or {@code ?format=csv}). */
    @GetMapping(produces = CsvExports.CSV)
    @PreAuthorize(READERS)
    public ResponseEntity<StreamingResponseBody> export(@Valid PageParams paging, @Valid ListParams list) {
        ListStockLevelsQuery query = query(paging, list);
        return exports.export(StockProjection.LISTING.name(), StockLevel.class, CSV,
                limit -> new ExportStockLevelsQuery(query, limit));
    }

    private static ListStockLevelsQuery query(PageParams paging, ListParams list) {
        return new ListStockLevelsQuery(StockProjection.LISTING.criteria(list), paging.pageOrDefault(),
                paging.sizeOrDefault());
    }

    /** Stock levels as events {@code stock}: first the levels by SKU (or the one SKU's), then every change. */
    @GetMapping(path = "/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(READERS)
    public SseEmitter updates(@RequestParam(required = false) String sku) {
        return updateStreams.stream(EVENT, new WatchStockLevelsQuery(sku),
                ResponseTypes.multipleInstancesOf(StockLevel.class), ResponseTypes.instanceOf(StockLevel.class),
                levels -> levels == null ? List.of() : levels);
    }
}
