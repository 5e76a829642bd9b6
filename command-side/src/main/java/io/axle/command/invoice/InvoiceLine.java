package io.axle.command.invoice;

import java.math.BigDecimal;

/**
 * A line to invoice; {@code discountPercent} is the line discount in percent (0 to 100), {@code null} meaning none.
 * {@code vatRate} (percent) is {@code null} for a new invoice, whose rate comes from the VAT table for
 * {@code rateCategory}; a credit note gives the rate its invoice charged, so that a later change of the table cannot
 * make it credit a different tax.
 */
public record InvoiceLine(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent,
                          RateCategory rateCategory, BigDecimal vatRate) {

    public InvoiceLine {
        discountPercent = discountPercent == null ? BigDecimal.ZERO : discountPercent;
    }

    /** A line taxed at the VAT table's rate for its category. */
    public InvoiceLine(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent,
                       RateCategory rateCategory) {
        this(description, quantity, unitPrice, discountPercent, rateCategory, null);
    }
}
