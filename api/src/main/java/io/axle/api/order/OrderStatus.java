package io.axle.api.order;

/** Where an order stands: PLACED, STOCK_RESERVED, CONFIRMED, SHIPPED, DELIVERED, or ended REJECTED or CANCELLED. */
public enum OrderStatus {
    PLACED, STOCK_RESERVED, CONFIRMED, SHIPPED, DELIVERED, REJECTED, CANCELLED;

    /** Whether the order can no longer move on. */
    public boolean isFinal() {
        return this == DELIVERED || this == REJECTED || this == CANCELLED;
    }
}
