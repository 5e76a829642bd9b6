package io.axle.api.product;

import java.math.BigDecimal;
import java.time.Instant;

/** The unit price changed from {@code oldPrice} to {@code newPrice} (in {@code currency}) at {@code effectiveAt}. */
public record ProductPriceChangedEvent(String sku, BigDecimal oldPrice, BigDecimal newPrice, String currency,
                                       String changedBy, Instant effectiveAt) {
}
