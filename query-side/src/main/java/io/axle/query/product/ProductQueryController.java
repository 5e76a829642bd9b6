package io.axle.query.product;

import io.axle.api.common.PageResult;
import io.axle.api.product.FindProductQuery;
import io.axle.api.product.ListProductsQuery;
import io.axle.api.product.ProductView;
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

/** The catalogue read API: one product with its price history, and a page of products searched by SKU or name. */
@RestController
@RequestMapping("/api/v1/products")
public class ProductQueryController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','ANALYST','TECHNICIAN','PARTNER')";

    private final QueryGateway queryGateway;

    public ProductQueryController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
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

    @GetMapping
    @PreAuthorize(READERS)
    public PageResult<ProductView> list(@Valid ProductListParams params) {
        PageParams paging = params.paging();
        return Pages.queryPage(queryGateway, new ListProductsQuery(params.q(), params.status(),
                paging.pageOrDefault(), paging.sizeOrDefault()));
    }
}
