package io.axle.query.product;

import io.axle.api.product.PriceChange;
import io.axle.api.product.ProductCreatedEvent;
import io.axle.api.product.ProductDiscontinuedEvent;
import io.axle.api.product.ProductPriceChangedEvent;
import io.axle.api.product.ProductStatus;
import io.axle.query.ReadModels;
import jakarta.annotation.PostConstruct;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.function.Function;

/**
 * Projects product events into one {@link ProductDocument} per SKU of one collection; each version of the products
 * read model is one subclass with its own processing group and collection (ADR 0020). Each price change is added to
 * the price history as it happened; a change is written only if the stored sequence number is still the one read and
 * lower than the event's, so replays and late duplicates change nothing.
 */
abstract class CatalogueProjection {

    private final MongoTemplate mongo;
    private final String collection;

    CatalogueProjection(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** Creates the indexes the list needs on a real MongoDB; servers that refuse them only cost speed. */
    @PostConstruct
    void createIndexes() {
        ReadModels.createIndex(mongo, collection, new Index().on("status", Sort.Direction.ASC).named("status"));
        ReadModels.createIndex(mongo, collection, new Index().on("name", Sort.Direction.ASC).named("name"));
        ReadModels.createIndex(mongo, collection, new Index().on("vatCategory", Sort.Direction.ASC)
                .on("_id", Sort.Direction.ASC).named("vatCategory_id"));
    }

    @EventHandler
    void on(ProductCreatedEvent event, @SequenceNumber long sequence) {
        ProductDocument product = new ProductDocument(event.sku(), event.name(), event.description(),
                event.unitPrice(), event.currency(), event.vatCategory(), event.unit(), event.reorderPoint(),
                ProductStatus.ACTIVE, List.of(new PriceChange(event.unitPrice(), event.createdAt(), event.createdBy())),
                sequence, null, null);
        try {
            mongo.insert(product, collection);
        } catch (DuplicateKeyException alreadyApplied) {
            // creation is the first event of a product: a document already there has seen it
        }
    }

    @EventHandler
    void on(ProductPriceChangedEvent event, @SequenceNumber long sequence) {
        apply(event.sku(), sequence, current -> priceChanged(current, event));
    }

    /** What a price change writes: the new price, and the change at the end of the history. */
    Update priceChanged(ProductDocument current, ProductPriceChangedEvent event) {
        return new Update()
                .set("unitPrice", event.newPrice())
                .set("priceHistory", current.historyWith(
                        new PriceChange(event.newPrice(), event.effectiveAt(), event.changedBy())));
    }

    @EventHandler
    void on(ProductDiscontinuedEvent event, @SequenceNumber long sequence) {
        apply(event.sku(), sequence, current -> new Update().set("status", ProductStatus.DISCONTINUED));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), collection);
    }

    private void apply(String sku, long sequence, Function<ProductDocument, Update> change) {
        ReadModels.Result<ProductDocument> result = ReadModels.updateIfNewer(mongo, collection, ProductDocument.class,
                "sku", sku, sequence, ProductDocument::sequence, change);
        if (result.outcome() == ReadModels.Outcome.NO_DOCUMENT) {
            throw new IllegalStateException("Product " + sku + " has no document in " + collection
                    + " to apply event " + sequence + " to; its creation was not projected");
        }
    }
}
