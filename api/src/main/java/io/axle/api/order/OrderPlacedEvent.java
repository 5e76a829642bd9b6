package io.axle.api.order;

import java.math.BigDecimal;
import java.util.List;

/** An order was placed. */
public record OrderPlacedEvent(String orderId, String customerId, String currency, List<OrderLine> lines, ShippingAddress shippingAddress, BigDecimal total) {
}
