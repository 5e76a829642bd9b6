package io.axle.query.product;

import org.axonframework.config.ProcessingGroup;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The first version of the products read model: products with their price history, in the {@value #COLLECTION}
 * collection. Queries read it until {@link ProductProjectionV2} has caught up; then it is retired on every node (its
 * tokens deleted, its collection dropped) and this class can be deleted in a later release (ADR 0020).
 */
@Component
@ProcessingGroup(ProductProjection.PROCESSING_GROUP)
public class ProductProjection extends CatalogueProjection {

    static final String PROCESSING_GROUP = "products";
    static final String COLLECTION = "products";

    public ProductProjection(MongoTemplate mongo) {
        super(mongo, COLLECTION);
    }
}
