package io.axle.query.product;

import io.axle.api.common.PageResult;
import io.axle.api.product.FindProductQuery;
import io.axle.api.product.ListProductsQuery;
import io.axle.api.product.PriceChange;
import io.axle.api.product.ProductCreatedEvent;
import io.axle.api.product.ProductDiscontinuedEvent;
import io.axle.api.product.ProductPriceChangedEvent;
import io.axle.api.product.ProductStatus;
import io.axle.api.product.ProductView;
import io.axle.query.Pages;
import io.axle.query.ReadModels;
import jakarta.annotation.PostConstruct;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Projects product events into one {@link ProductDocument} per SKU and answers the catalogue queries from it. Each
 * price change is added to the price history as it happened; a change is written only if the stored sequence number
 * is still the one read and lower than the event's, so replays and late duplicates change nothing.
 *
 * <p>Searching matches part of the SKU or of the name, ignoring case, with a regular expression: the embedded wire
 * server has no text index, and a catalogue is small enough to scan.
 */
@Component
@ProcessingGroup("products")
public class ProductProjection {

    static final String COLLECTION = "products";

    private static final Sort BY_SKU = Sort.by("sku");

    private final MongoTemplate mongo;

    public ProductProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Creates the indexes the list needs on a real MongoDB; servers that refuse them only cost speed. */
    @PostConstruct
    void createIndexes() {
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("status", Sort.Direction.ASC).named("status"));
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("name", Sort.Direction.ASC).named("name"));
    }

    @EventHandler
    void on(ProductCreatedEvent event, @SequenceNumber long sequence) {
        ProductDocument product = new ProductDocument(event.sku(), event.name(), event.description(),
                event.unitPrice(), event.currency(), event.vatCategory(), event.unit(), event.reorderPoint(),
                ProductStatus.ACTIVE, List.of(new PriceChange(event.unitPrice(), event.createdAt(), event.createdBy())),
                sequence);
        try {
            mongo.insert(product, COLLECTION);
        } catch (DuplicateKeyException alreadyApplied) {
            // creation is the first event of a product: a document already there has seen it
        }
    }

    @EventHandler
    void on(ProductPriceChangedEvent event, @SequenceNumber long sequence) {
        apply(event.sku(), sequence, current -> new Update()
                .set("unitPrice", event.newPrice())
                .set("priceHistory", current.historyWith(
                        new PriceChange(event.newPrice(), event.effectiveAt(), event.changedBy()))));
    }

    @EventHandler
    void on(ProductDiscontinuedEvent event, @SequenceNumber long sequence) {
        apply(event.sku(), sequence, current -> new Update().set("status", ProductStatus.DISCONTINUED));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), COLLECTION);
    }

    @QueryHandler
    ProductView handle(FindProductQuery query) {
        ProductDocument product = mongo.findById(query.sku(), ProductDocument.class, COLLECTION);
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
        Query filter = new Query();
        if (query.text() != null && !query.text().isBlank()) {
            String part = Pattern.quote(query.text().strip());
            filter.addCriteria(new Criteria().orOperator(where("sku").regex(part, "i"), where("name").regex(part, "i")));
        }
        if (query.status() != null) {
            filter.addCriteria(where("status").is(query.status()));
        }
        return Pages.page(mongo, COLLECTION, ProductDocument.class, filter, BY_SKU, query.page(), query.size(),
                ProductDocument::toView);
    }

    private void apply(String sku, long sequence, Function<ProductDocument, Update> change) {
        ReadModels.Result<ProductDocument> result = ReadModels.updateIfNewer(mongo, COLLECTION, ProductDocument.class,
                "sku", sku, sequence, ProductDocument::sequence, change);
        if (result.outcome() == ReadModels.Outcome.NO_DOCUMENT) {
            throw new IllegalStateException("Product " + sku + " has no document to apply event " + sequence
                    + " to; its creation was not projected");
        }
    }
}
