package io.axle.command.invoice;

import java.math.BigDecimal;

/** The tax for one VAT rate: {@code rate} in percent, {@code base} the taxable amount after discounts, {@code amount} the tax. */
public record TaxTotal(BigDecimal rate, BigDecimal base, BigDecimal amount) {
}
