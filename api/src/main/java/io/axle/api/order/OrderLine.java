package io.axle.api.order;

import java.math.BigDecimal;

/** One line of an order; in a {@link PlaceOrderCommand} a null unit price means the catalogue's price. */
public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {
}
