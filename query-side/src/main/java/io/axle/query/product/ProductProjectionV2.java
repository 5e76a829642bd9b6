package io.axle.query.product;

import io.axle.api.product.ProductPriceChangedEvent;
import org.axonframework.config.ProcessingGroup;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The second version of the products read model, built beside the first from the first event into
 * {@value #COLLECTION} (ADR 0020): each product also keeps the price before its last change and when that change took
 * effect, so the list can show "was €X". Products changed before this version existed get both from their past price
 * changes, as the version is built from history.
 */
@Component
@ProcessingGroup(ProductProjectionV2.PROCESSING_GROUP)
public class ProductProjectionV2 extends CatalogueProjection {

    static final String PROCESSING_GROUP = "products-v2";
    static final String COLLECTION = "products_v2";

    public ProductProjectionV2(MongoTemplate mongo) {
        super(mongo, COLLECTION);
    }

    @Override
    Update priceChanged(ProductDocument current, ProductPriceChangedEvent event) {
        return super.priceChanged(current, event)
                .set("previousUnitPrice", event.oldPrice())
                .set("priceChangedAt", event.effectiveAt());
    }
}
