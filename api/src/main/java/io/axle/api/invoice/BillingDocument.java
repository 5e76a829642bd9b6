package io.axle.api.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything an issued invoice or credit note says, as it was fixed at issue: what the PDF is rendered from, so the
 * same document renders to the same bytes again. Amounts are in {@code currency}; {@code exchangeRate} is the value of
 * one unit of {@code currency} in {@code accountingCurrency} on {@code exchangeRateDate} (1 when they are the same),
 * and {@code totalTaxInAccountingCurrency} is the tax converted at that rate, as EU law asks of foreign-currency
 * invoices. Credit notes carry positive amounts, name the invoice they correct in {@code correctedNumber} and say why
 * in {@code reason}; both are null on an invoice. {@code language} is an ISO 639-1 code ({@code fr}, {@code en}).
 * {@code orderNumber} ({@code SO-2026-000001}) is null on documents of orders placed before orders were numbered, and
 * on documents issued before invoices named the order's number.
 */
public record BillingDocument(DocumentKind kind, String number, String company, String templateId, String language,
                              Party seller, Party buyer, String orderId, String currency, String accountingCurrency,
                              BigDecimal exchangeRate, LocalDate exchangeRateDate, Instant issuedAt, LocalDate dueDate,
                              List<InvoiceLineItem> lines, BigDecimal linesNet, BigDecimal globalDiscountPercent,
                              BigDecimal globalDiscount, BigDecimal totalExclTax, BigDecimal totalTax,
                              BigDecimal totalInclTax, List<TaxAmount> taxes, BigDecimal totalTaxInAccountingCurrency,
                              boolean reverseCharge, List<String> legalMentions, Map<String, String> customFields,
                              String correctedNumber, String reason, String orderNumber) {

    public BillingDocument {
        lines = lines == null ? List.of() : List.copyOf(lines);
        taxes = taxes == null ? List.of() : List.copyOf(taxes);
        legalMentions = legalMentions == null ? List.of() : List.copyOf(legalMentions);
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }

    /** How the document names its order: the order's number, or its id when the order has no number. */
    public String orderReference() {
        return orderNumber == null || orderNumber.isBlank() ? orderId : orderNumber;
    }
}
