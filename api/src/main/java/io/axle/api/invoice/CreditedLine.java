package io.axle.api.invoice;

import java.math.BigDecimal;

/** Part of an invoice line to credit: {@code quantity} of line {@code position} (counting from 1). */
public record CreditedLine(int position, BigDecimal quantity) {
}
