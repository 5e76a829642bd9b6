package io.axle.api.product;

import java.math.BigDecimal;
import java.time.Instant;

/** One entry of a product's price history: the price from {@code effectiveAt} on, and who set it. */
public record PriceChange(BigDecimal unitPrice, Instant effectiveAt, String changedBy) {
}
