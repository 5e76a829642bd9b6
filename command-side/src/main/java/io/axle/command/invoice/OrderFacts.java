package io.axle.command.invoice;

import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderStatus;
import io.axle.api.order.ShippingAddress;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What invoicing needs to know of an order, as its own events tell it: who bought what at which price, where it went,
 * and how far it got, and its number (null for an order placed before orders were numbered). Only an order that was
 * confirmed, and not since cancelled, is invoiced.
 */
public record OrderFacts(String orderId, String number, String customerId, String currency, List<OrderLine> lines,
                         ShippingAddress shippingAddress, OrderStatus status) {

    /** The statuses of an order that may be invoiced. */
    public static final Set<OrderStatus> INVOICEABLE =
            EnumSet.of(OrderStatus.CONFIRMED, OrderStatus.SHIPPED, OrderStatus.DELIVERED);

    public OrderFacts {
        lines = List.copyOf(lines);
    }

    /** Whether the order is confirmed, shipped or delivered. */
    public boolean invoiceable() {
        return INVOICEABLE.contains(status);
    }

    OrderFacts withStatus(OrderStatus newStatus) {
        return new OrderFacts(orderId, number, customerId, currency, lines, shippingAddress, newStatus);
    }
}
