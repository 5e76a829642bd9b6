package io.axle.command.invoice;

import java.math.BigDecimal;

/** A line to invoice; {@code discountPercent} is the line discount in percent (0 to 100), {@code null} meaning none. */
public record InvoiceLine(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent,
                          RateCategory rateCategory) {

    public InvoiceLine {
        discountPercent = discountPercent == null ? BigDecimal.ZERO : discountPercent;
    }
}
