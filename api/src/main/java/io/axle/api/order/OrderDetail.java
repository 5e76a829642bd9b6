package io.axle.api.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order with its lines and status history, as the read side shows it; {@code number} is null for an order placed
 * before orders were numbered. {@code shippingAddressErased}: the customer's personal data was erased, so the shipping
 * address is null.
 */
public record OrderDetail(String orderId, String number, String customerId, OrderStatus status, String reason,
                          List<OrderLine> lines, BigDecimal total, String currency, ShippingAddress shippingAddress,
                          List<StatusChange> history, Instant placedAt, Instant updatedAt,
                          boolean shippingAddressErased) {

    /** An order whose customer was not erased. */
    public OrderDetail(String orderId, String number, String customerId, OrderStatus status, String reason,
                       List<OrderLine> lines, BigDecimal total, String currency, ShippingAddress shippingAddress,
                       List<StatusChange> history, Instant placedAt, Instant updatedAt) {
        this(orderId, number, customerId, status, reason, lines, total, currency, shippingAddress, history, placedAt,
                updatedAt, false);
    }
}
