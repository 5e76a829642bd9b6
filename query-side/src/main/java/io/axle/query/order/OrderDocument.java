package io.axle.query.order;

import io.axle.api.order.OrderDetail;
import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderStatus;
import io.axle.api.order.OrderSummary;
import io.axle.api.order.ShippingAddress;
import io.axle.api.order.StatusChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;

/**
 * An order as stored in the {@value OrderProjection#COLLECTION} collection; serves both the detail and the list.
 * {@code sequence} is the aggregate sequence number of the last event applied to it; {@code number} is null for an order
 * placed before orders were numbered. {@code shippingAddressErased} is true once the customer's personal data was
 * erased (null, as false, in documents older than erasure).
 */
record OrderDocument(
        @Id String orderId,
        String number,
        String customerId,
        OrderStatus status,
        String reason,
        List<OrderLine> lines,
        BigDecimal total,
        String currency,
        ShippingAddress shippingAddress,
        List<StatusChange> history,
        Instant placedAt,
        Instant updatedAt,
        long sequence,
        Boolean shippingAddressErased) {

    OrderDetail toDetail() {
        return new OrderDetail(orderId, number, customerId, status, reason, lines == null ? List.of() : List.copyOf(lines),
                total, currency, shippingAddress, history == null ? List.of() : List.copyOf(history), placedAt,
                updatedAt, Boolean.TRUE.equals(shippingAddressErased));
    }

    OrderSummary toSummary() {
        return new OrderSummary(orderId, number, customerId, status, reason, total, currency, placedAt, updatedAt);
    }
}
