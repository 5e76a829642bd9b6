package io.axle.query.product;

import io.axle.api.common.PageResult;
import io.axle.api.product.ExportProductsQuery;
import io.axle.api.product.FindProductQuery;
import io.axle.api.product.ListProductsQuery;
import io.axle.api.product.ProductView;
import io.axle.platform.messaging.ProjectionVersions;
import io.axle.platform.messaging.VersionedProjection;
import io.axle.query.Listing;
import io.axle.query.Pages;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.util.function.Supplier;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Answers the catalogue queries from the version of the products read model that is active now (ADR 0020): the
 * collection is looked up once per query, so one answer never mixes two versions.
 *
 * <p>Searching matches part of the SKU or of the name, ignoring case, with a regular expression: the embedded wire
 * server has no text index, and a catalogue is small enough to scan.
 */
@Component
public class ProductQueries {

    /** The products read model's versions, oldest first. */
    static final VersionedProjection VERSIONS = VersionedProjection.of("products",
            new VersionedProjection.Version(ProductProjection.PROCESSING_GROUP, ProductProjection.COLLECTION),
            new VersionedProjection.Version(ProductProjectionV2.PROCESSING_GROUP, ProductProjectionV2.COLLECTION));

    private static final Sort BY_SKU = Sort.by("sku");

    /** The product list: searched by SKU and name; products have no date. */
    static final Listing LISTING = Listing.of("products", "sku")
            .searching("sku", "name")
            .sortable("sku", "name", "status", "vatCategory")
            .inUsualOrder(BY_SKU);

    private final MongoTemplate mongo;
    private final Supplier<String> collection;

    @Autowired
    public ProductQueries(MongoTemplate mongo, ProjectionVersions versions) {
        this(mongo, () -> versions.collection(VERSIONS.name()));
    }

    ProductQueries(MongoTemplate mongo, Supplier<String> collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    @QueryHandler
    ProductView handle(FindProductQuery query) {
        ProductDocument product = mongo.findById(query.sku(), ProductDocument.class, collection.get());
        return product == null ? null : product.toView();
    }

    /**
     * Declared with the raw {@link PageResult} because Axon 4 matches {@code ResponseTypes.instanceOf(PageResult.class)}
     * only against a non-parameterized return type (AxonFramework issue #1537); the content is {@link ProductView}.
     */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    PageResult handle(ListProductsQuery query) {
        return page(query);
    }

    PageResult<ProductView> page(ListProductsQuery query) {
        return Pages.page(mongo, collection.get(), ProductDocument.class, filter(query),
                LISTING.order(query.criteria()), query.page(), query.size(), ProductDocument::toView);
    }

    /** Every product the list would page through, in its order, as the cursor reads them. */
    @QueryHandler
    Flux<ProductView> handle(ExportProductsQuery query) {
        return Pages.stream(mongo, collection.get(), ProductDocument.class, filter(query.list()),
                LISTING.order(query.list().criteria()), query.limit(), ProductDocument::toView);
    }

    private static Query filter(ListProductsQuery query) {
        Query filter = new Query();
        if (query.status() != null) {
            filter.addCriteria(where("status").is(query.status()));
        }
        return LISTING.filter(filter, query.criteria());
    }
}
