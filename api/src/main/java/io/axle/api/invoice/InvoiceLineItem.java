package io.axle.api.invoice;

import java.math.BigDecimal;

/**
 * One line as issued: {@code position} counts from 1, {@code vatRate} is in percent (0 under reverse charge),
 * {@code net} is quantity × unit price less the line discount, rounded to the currency's minor unit.
 */
public record InvoiceLineItem(int position, String sku, String description, BigDecimal quantity,
                              BigDecimal unitPrice, BigDecimal discountPercent, String rateCategory,
                              BigDecimal vatRate, BigDecimal net) {
}
