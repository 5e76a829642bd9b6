package io.axle.command.invoice;

import java.math.BigDecimal;
import java.util.List;

/**
 * What an invoice's amounts depend on. Countries are ISO 3166 alpha-2 codes, {@code currency} an ISO 4217 code,
 * {@code globalDiscountPercent} applies to the whole invoice ({@code null} meaning none) and {@code buyerVatNumber}
 * is {@code null} or blank for a consumer.
 */
public record InvoiceDraft(List<InvoiceLine> lines, BigDecimal globalDiscountPercent, String sellerCountry,
                           String buyerCountry, String buyerVatNumber, String currency) {

    public InvoiceDraft {
        lines = lines == null ? null : List.copyOf(lines);
        globalDiscountPercent = globalDiscountPercent == null ? BigDecimal.ZERO : globalDiscountPercent;
    }
}
