package io.axle.command.invoice;

import java.math.BigDecimal;
import java.util.List;

/**
 * The amounts of an invoice. {@code linesNet} is the sum of line nets, {@code globalDiscount} the global discount over
 * all rates, {@code totalExclTax} = linesNet − globalDiscount = sum of the tax bases, {@code totalTax} the sum of the
 * per-rate amounts and {@code totalInclTax} = totalExclTax + totalTax. Taxes are ordered from the highest rate down.
 */
public record InvoiceAmounts(String currency, List<PricedLine> lines, BigDecimal linesNet, BigDecimal globalDiscount,
                             List<TaxTotal> taxes, BigDecimal totalExclTax, BigDecimal totalTax,
                             BigDecimal totalInclTax, boolean reverseCharge, List<LegalMention> legalMentions) {

    public InvoiceAmounts {
        lines = List.copyOf(lines);
        taxes = List.copyOf(taxes);
        legalMentions = List.copyOf(legalMentions);
    }
}
