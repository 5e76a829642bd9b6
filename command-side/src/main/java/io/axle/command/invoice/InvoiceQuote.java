package io.axle.command.invoice;

import java.math.BigDecimal;
import java.util.List;

/**
 * What an order's invoice would say if it were issued now: each line priced and taxed, the tax per rate and the
 * totals, in the order's currency, computed by the same {@link InvoiceCalculator} that issues invoices.
 */
public record InvoiceQuote(String currency, List<Line> lines, List<TaxTotal> taxes, BigDecimal totalExclTax,
                           BigDecimal totalTax, BigDecimal totalInclTax, boolean reverseCharge,
                           List<LegalMention> mentions) {

    /** One line: its SKU and product name, the price it is sold at, its VAT category and rate, and its net. */
    public record Line(String sku, String description, int quantity, BigDecimal unitPrice, RateCategory vatCategory,
                       BigDecimal vatRate, BigDecimal net) {
    }
}
