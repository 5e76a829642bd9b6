package io.axle.api.product;

import java.math.BigDecimal;
import java.util.List;

/**
 * A product as the read side shows it: its current price and, oldest first, every price it has had (the first being
 * the price it was created with).
 */
public record ProductView(String sku, String name, String description, BigDecimal unitPrice, String currency,
                          String vatCategory, String unit, Integer reorderPoint, ProductStatus status,
                          List<PriceChange> priceHistory) {
}
