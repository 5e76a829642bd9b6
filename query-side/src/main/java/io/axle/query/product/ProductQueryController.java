package io.axle.query.product;

import io.axle.api.common.PageResult;
import io.axle.api.product.ExportProductsQuery;
import io.axle.api.product.FindProductQuery;
import io.axle.api.product.ListProductsQuery;
import io.axle.api.product.ProductView;
import io.axle.platform.web.NotFoundException;
import io.axle.query.CsvColumns;
import io.axle.query.CsvExports;
import io.axle.query.ListParams;
import io.axle.query.PageParams;
import io.axle.query.Pages;
import jakarta.validation.Valid;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The catalogue read API: one product with its price history, and a page of products searched by SKU or name and
 * sorted, or all of them as CSV.
 */
@RestController
@RequestMapping("/api/v1/products")
public class ProductQueryController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','ANALYST','TECHNICIAN','PARTNER')";

    /** The columns of the CSV export, the unit price as a plain decimal beside its currency. */
    static final CsvColumns<ProductView> CSV = CsvColumns.of(ProductView.class)
            .column("sku", ProductView::sku)
            .column("name", ProductView::name)
            .column("status", ProductView::status)
            .column("unitPrice", ProductView::unitPrice)
            .column("currency", ProductView::currency)
            .column("vatCategory", ProductView::vatCategory)
            .column("unit", ProductView::unit)
            .column("reorderPoint", ProductView::reorderPoint)
            .column("description", ProductView::description);

    private final QueryGateway queryGateway;
    private final CsvExports exports;

    public ProductQueryController(QueryGateway queryGateway, CsvExports exports) {
        this.queryGateway = queryGateway;
        this.exports = exports;
    }

    @GetMapping("/{sku}")
    @PreAuthorize(READERS)
    public ProductView find(@PathVariable String sku) {
        ProductView product = queryGateway.query(new FindProductQuery(sku), ProductView.class).join();
        if (product == null) {
            throw new NotFoundException("product", sku);
        }
        return product;
    }

    /** Products by SKU, or as {@code sort} asks, searched by SKU and name, in a status if one is given. */
    @GetMapping
    @PreAuthorize(READERS)
    public PageResult<ProductView> list(@Valid ProductListParams params, @Valid ListParams list) {
        return Pages.queryPage(queryGateway, query(params, list));
    }

    /** Every row the same filters match, as CSV ({@code Accept: text/csv} or {@code ?format=csv}). */
    @GetMapping(produces = CsvExports.CSV)
    @PreAuthorize(READERS)
    public ResponseEntity<StreamingResponseBody> export(@Valid ProductListParams params, @Valid ListParams list) {
        ListProductsQuery query = query(params, list);
        return exports.export(ProductQueries.LISTING.name(), ProductView.class, CSV,
                limit -> new ExportProductsQuery(query, limit));
    }

    private static ListProductsQuery query(ProductListParams params, ListParams list) {
        PageParams paging = params.paging();
        return new ListProductsQuery(params.status(), ProductQueries.LISTING.criteria(list),
                paging.pageOrDefault(), paging.sizeOrDefault());
    }
}
