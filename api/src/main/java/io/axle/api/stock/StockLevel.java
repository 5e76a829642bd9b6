package io.axle.api.stock;

import java.math.BigDecimal;

/**
 * Stock of one SKU as the read side shows it, with what the catalogue says of its product: name, current unit price
 * and currency, and reorder point (all null when the catalogue has no such product, or none was set). {@code lowStock}
 * is true when a reorder point is set and what is available has fallen to it or below.
 */
public record StockLevel(String sku, int onHand, int reserved, int available, String name, BigDecimal unitPrice,
                         String currency, Integer reorderPoint, boolean lowStock) {

    /** The stock of a SKU the catalogue knows nothing of. */
    public StockLevel(String sku, int onHand, int reserved, int available) {
        this(sku, onHand, reserved, available, null, null, null, null, false);
    }
}
