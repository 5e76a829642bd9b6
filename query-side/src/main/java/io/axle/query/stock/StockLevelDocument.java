package io.axle.query.stock;

import io.axle.api.stock.StockLevel;
import org.springframework.data.annotation.Id;

import java.math.BigDecimal;

/**
 * The stock of one SKU as stored in the {@value StockProjection#COLLECTION} collection, with what the catalogue says of
 * its product. It is fed by two streams, each with its own sequence guard: {@code sequence} is the sequence number of
 * the stock item's last event applied, -1 before any (the SKU has no stock to show yet), {@code productSequence} that of
 * the product's, null or -1 before any (the catalogue has no such product, or the document predates the catalogue).
 *
 * <p>The stock item keeps every figure within a billion units, so sums here fit an {@code int}; they are exact all the
 * same, so that a history written before those bounds (a receipt that wrapped on hand around to a negative figure)
 * fails the event instead of showing a wrapped level.
 */
record StockLevelDocument(@Id String sku, int onHand, int reserved, int available, long sequence, String name,
                          BigDecimal unitPrice, String currency, Integer reorderPoint, Long productSequence) {

    static StockLevelDocument empty(String sku) {
        return new StockLevelDocument(sku, 0, 0, 0, -1, null, null, null, null, -1L);
    }

    /** A new quantity on hand; what is reserved stays reserved. */
    StockLevelDocument withOnHand(int newOnHand) {
        return withStock(newOnHand, reserved, Math.subtractExact(newOnHand, reserved));
    }

    /** A reservation of {@code quantity} (negative to give it back), leaving {@code newAvailable} available. */
    StockLevelDocument withReservation(int quantity, int newAvailable) {
        return withStock(onHand, Math.addExact(reserved, quantity), newAvailable);
    }

    /** Reserved goods left: {@code quantity} is no longer reserved and the stock on hand is {@code newOnHand}. */
    StockLevelDocument withShipped(int quantity, int newOnHand) {
        int stillReserved = Math.subtractExact(reserved, quantity);
        return withStock(newOnHand, stillReserved, Math.subtractExact(newOnHand, stillReserved));
    }

    /** The product as the catalogue now describes it. */
    StockLevelDocument withProduct(String newName, BigDecimal newUnitPrice, String newCurrency,
                                   Integer newReorderPoint) {
        return new StockLevelDocument(sku, onHand, reserved, available, sequence, newName, newUnitPrice, newCurrency,
                newReorderPoint, productSequence);
    }

    StockLevelDocument withUnitPrice(BigDecimal newUnitPrice) {
        return withProduct(name, newUnitPrice, currency, reorderPoint);
    }

    StockLevelDocument at(long newSequence) {
        return new StockLevelDocument(sku, onHand, reserved, available, newSequence, name, unitPrice, currency,
                reorderPoint, productSequence);
    }

    StockLevelDocument atProduct(long newProductSequence) {
        return new StockLevelDocument(sku, onHand, reserved, available, sequence, name, unitPrice, currency,
                reorderPoint, newProductSequence);
    }

    /** The sequence of the product's last event applied, -1 before any. */
    long productSequenceOrNone() {
        return productSequence == null ? -1 : productSequence;
    }

    /** Whether the SKU has stock to show: a stock event was applied, not merely a product event. */
    boolean stocked() {
        return sequence >= 0;
    }

    StockLevel toView() {
        boolean low = reorderPoint != null && available <= reorderPoint;
        return new StockLevel(sku, onHand, reserved, available, name, unitPrice, currency, reorderPoint, low);
    }

    private StockLevelDocument withStock(int newOnHand, int newReserved, int newAvailable) {
        return new StockLevelDocument(sku, newOnHand, newReserved, newAvailable, sequence, name, unitPrice, currency,
                reorderPoint, productSequence);
    }
}
