package io.axle.command.invoice;

import java.math.BigDecimal;

/** One row of the VAT rate table: a rate in percent for a country (ISO 3166 alpha-2) and category, with its source. */
public record VatRate(String country, RateCategory category, BigDecimal percent, String source) {
}
