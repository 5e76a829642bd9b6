/** Invoice amounts: VAT rates per country and category, discounts, per-rate totals and reverse charge, computed in BigDecimal. */
package io.axle.command.invoice;
