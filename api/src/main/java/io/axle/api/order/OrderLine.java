package io.axle.api.order;

import java.math.BigDecimal;

/** One line of an order. */
public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {
}
