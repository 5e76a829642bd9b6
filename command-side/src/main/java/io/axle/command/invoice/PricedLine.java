package io.axle.command.invoice;

import java.math.BigDecimal;

/**
 * A line with its amounts: {@code gross} is quantity × unit price, {@code net} the gross less the line discount rounded
 * to the currency's minor unit, and {@code discount} is gross − net, so the three always reconcile. {@code vatRate}
 * is the rate in percent applied to the line (0 under reverse charge and for exports).
 */
public record PricedLine(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent,
                         RateCategory rateCategory, BigDecimal vatRate, BigDecimal gross, BigDecimal discount,
                         BigDecimal net) {
}
