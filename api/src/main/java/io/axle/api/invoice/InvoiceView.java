package io.axle.api.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An invoice as the read side shows it ({@code GET /api/v1/invoices/{id}}). Fields fixed at issue are null while it
 * is REQUESTED or REJECTED; {@code rejection} says why a request was rejected; {@code emails} lists sent documents,
 * {@code reminders} the payment reminders sent while it was overdue, first one first.
 * {@code orderNumber} ({@code SO-2026-000001}) comes with the issued document; it stays null for an order placed
 * before orders were numbered.
 */
public record InvoiceView(String invoiceId, String number, String orderId, String orderNumber, String customerId, String customerName,
                          InvoiceStatus status, String currency, String accountingCurrency, BigDecimal exchangeRate,
                          Instant requestedAt, Instant issuedAt, LocalDate dueDate, String templateId, String language,
                          List<InvoiceLineItem> lines, BigDecimal totalExclTax, BigDecimal totalTax,
                          BigDecimal totalInclTax, List<TaxAmount> taxes, boolean reverseCharge,
                          List<String> legalMentions, String pdfSha256, BigDecimal paidAmount,
                          BigDecimal creditedAmount, BigDecimal balance, List<PaymentView> payments,
                          List<CreditNoteView> creditNotes, List<DocumentEmailedEvent> emails,
                          List<PaymentReminderView> reminders, String rejection,
                          Instant updatedAt) {
}
