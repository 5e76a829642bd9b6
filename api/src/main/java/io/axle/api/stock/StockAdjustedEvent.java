package io.axle.api.stock;

/** The quantity on hand was corrected. */
public record StockAdjustedEvent(String sku, int quantity, String reason, int onHand) {
}
