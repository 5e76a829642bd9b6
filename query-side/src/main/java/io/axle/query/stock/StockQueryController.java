package io.axle.query.stock;

import io.axle.api.common.PageResult;
import io.axle.api.stock.FindStockLevelQuery;
import io.axle.api.stock.ListStockLevelsQuery;
import io.axle.api.stock.StockLevel;
import io.axle.platform.web.NotFoundException;
import io.axle.query.PageParams;
import io.axle.query.Pages;
import jakarta.validation.Valid;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The stock read API: the level of one SKU and a page of levels ordered by SKU. */
@RestController
@RequestMapping("/api/v1/stock")
public class StockQueryController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','ANALYST','TECHNICIAN','PARTNER')";

    private final QueryGateway queryGateway;

    public StockQueryController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
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
}
