package io.axle.query.stock;

import io.axle.api.common.PageResult;
import io.axle.api.stock.FindStockLevelQuery;
import io.axle.api.stock.ListStockLevelsQuery;
import io.axle.api.stock.StockLevel;
import io.axle.api.stock.WatchStockLevelsQuery;
import io.axle.platform.web.NotFoundException;
import io.axle.query.PageParams;
import io.axle.query.Pages;
import io.axle.query.UpdateStreams;
import jakarta.validation.Valid;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The stock read API: the level of one SKU, a page of levels by SKU, and their live updates as server-sent events. */
@RestController
@RequestMapping("/api/v1/stock")
public class StockQueryController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','ANALYST','TECHNICIAN','PARTNER')";
    static final String EVENT = "stock";

    private final QueryGateway queryGateway;
    private final UpdateStreams updateStreams;

    public StockQueryController(QueryGateway queryGateway, UpdateStreams updateStreams) {
        this.queryGateway = queryGateway;
        this.updateStreams = updateStreams;
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

    @GetMapping
    @PreAuthorize(READERS)
    public PageResult<StockLevel> list(@Valid PageParams paging) {
        ListStockLevelsQuery query = new ListStockLevelsQuery(paging.pageOrDefault(), paging.sizeOrDefault());
        return Pages.queryPage(queryGateway, query);
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
