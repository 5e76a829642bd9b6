package io.axle.query.product;

import io.axle.api.product.PriceChange;
import io.axle.api.product.ProductStatus;
import io.axle.api.product.ProductView;
import org.springframework.data.annotation.Id;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A product as stored by either version of the products read model, with every price it has had, oldest first;
 * {@code sequence} is the aggregate sequence number of the last event applied. Only the second version
 * ({@link ProductProjectionV2}) stores {@code previousUnitPrice} and {@code priceChangedAt}.
 */
record ProductDocument(@Id String sku, String name, String description, BigDecimal unitPrice, String currency,
                       String vatCategory, String unit, Integer reorderPoint, ProductStatus status,
                       List<PriceChange> priceHistory, long sequence, BigDecimal previousUnitPrice,
                       Instant priceChangedAt) {

    /** The price history with {@code change} added at its end. */
    List<PriceChange> historyWith(PriceChange change) {
        List<PriceChange> history = new ArrayList<>(priceHistory == null ? List.of() : priceHistory);
        history.add(change);
        return history;
    }

    ProductView toView() {
        return new ProductView(sku, name, description, unitPrice, currency, vatCategory, unit, reorderPoint, status,
                priceHistory == null ? List.of() : List.copyOf(priceHistory), previousUnitPrice, priceChangedAt);
    }
}
