package io.axle.api.invoice;

import java.math.BigDecimal;

/** The tax at one VAT rate: {@code rate} in percent, {@code base} the taxable amount, {@code amount} the tax. */
public record TaxAmount(BigDecimal rate, BigDecimal base, BigDecimal amount) {
}
