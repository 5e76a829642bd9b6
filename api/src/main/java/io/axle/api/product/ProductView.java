package io.axle.api.product;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A product as the read side shows it: its current price and, oldest first, every price it has had (the first being
 * the price it was created with). {@code previousUnitPrice} and {@code priceChangedAt} tell the price before the last
 * change and when that change took effect; both are null for a product whose price never changed, and for every
 * product while the products read model is still answering from its first version (ADR 0020).
 */
public record ProductView(String sku, String name, String description, BigDecimal unitPrice, String currency,
                          String vatCategory, String unit, Integer reorderPoint, ProductStatus status,
                          List<PriceChange> priceHistory, BigDecimal previousUnitPrice, Instant priceChangedAt) {
}
