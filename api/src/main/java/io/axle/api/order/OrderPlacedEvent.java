package io.axle.api.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * An order was placed as number {@code number} ({@code SO-2026-000001}); {@code number} is null in the events of
 * orders placed before orders were numbered.
 */
public record OrderPlacedEvent(String orderId, String customerId, String currency, List<OrderLine> lines, ShippingAddress shippingAddress, BigDecimal total, String number) {

    /** An order placed before orders were numbered, as such events are stored. */
    public OrderPlacedEvent(String orderId, String customerId, String currency, List<OrderLine> lines,
                            ShippingAddress shippingAddress, BigDecimal total) {
        this(orderId, customerId, currency, lines, shippingAddress, total, null);
    }
}
