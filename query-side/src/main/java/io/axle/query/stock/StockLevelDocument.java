package io.axle.query.stock;

import io.axle.api.stock.StockLevel;
import org.springframework.data.annotation.Id;

/**
 * The stock of one SKU as stored in the {@value StockProjection#COLLECTION} collection; {@code sequence} is the
 * aggregate sequence number of the last event applied, -1 before any. The stock item keeps every figure within a
 * billion units, so sums here fit an {@code int}; they are exact all the same, so that a history written before those
 * bounds (a receipt that wrapped on hand around to a negative figure) fails the event instead of showing a wrapped
 * level.
 */
record StockLevelDocument(@Id String sku, int onHand, int reserved, int available, long sequence) {

    static StockLevelDocument empty(String sku) {
        return new StockLevelDocument(sku, 0, 0, 0, -1);
    }

    /** A new quantity on hand; what is reserved stays reserved. */
    StockLevelDocument withOnHand(int newOnHand) {
        return new StockLevelDocument(sku, newOnHand, reserved, Math.subtractExact(newOnHand, reserved), sequence);
    }

    /** A reservation of {@code quantity} (negative to give it back), leaving {@code newAvailable} available. */
    StockLevelDocument withReservation(int quantity, int newAvailable) {
        return new StockLevelDocument(sku, onHand, Math.addExact(reserved, quantity), newAvailable, sequence);
    }

    /** Reserved goods left: {@code quantity} is no longer reserved and the stock on hand is {@code newOnHand}. */
    StockLevelDocument withShipped(int quantity, int newOnHand) {
        int stillReserved = Math.subtractExact(reserved, quantity);
        return new StockLevelDocument(sku, newOnHand, stillReserved, Math.subtractExact(newOnHand, stillReserved),
                sequence);
    }

    StockLevelDocument at(long newSequence) {
        return new StockLevelDocument(sku, onHand, reserved, available, newSequence);
    }

    StockLevel toView() {
        return new StockLevel(sku, onHand, reserved, available);
    }
}
