package io.axle.query.invoice;

import io.axle.api.invoice.CreditNoteView;
import io.axle.api.invoice.DocumentEmailedEvent;
import io.axle.api.invoice.InvoiceLineItem;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.invoice.InvoiceView;
import io.axle.api.invoice.PaymentReminderView;
import io.axle.api.invoice.PaymentView;
import io.axle.api.invoice.TaxAmount;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;

/**
 * An invoice as stored in the {@value InvoiceProjection#COLLECTION} collection, field for field its {@link InvoiceView}
 * plus {@code sequence}, the aggregate sequence number of the last event applied. The due date is kept as its ISO
 * text ({@code 2026-04-30}): a calendar date, which the driver's date type would tie to the writing node's time zone.
 */
record InvoiceDocument(
        @Id String invoiceId,
        String number,
        String orderId,
        String orderNumber,
        String customerId,
        String customerName,
        InvoiceStatus status,
        String currency,
        String accountingCurrency,
        BigDecimal exchangeRate,
        Instant requestedAt,
        Instant issuedAt,
        String dueDate,
        String templateId,
        String language,
        List<InvoiceLineItem> lines,
        BigDecimal totalExclTax,
        BigDecimal totalTax,
        BigDecimal totalInclTax,
        List<TaxAmount> taxes,
        boolean reverseCharge,
        List<String> legalMentions,
        String pdfSha256,
        BigDecimal paidAmount,
        BigDecimal creditedAmount,
        BigDecimal balance,
        List<PaymentView> payments,
        List<CreditNoteView> creditNotes,
        List<DocumentEmailedEvent> emails,
        List<PaymentReminderView> reminders,
        String rejection,
        Instant updatedAt,
        long sequence) {

    InvoiceView toView() {
        return new InvoiceView(invoiceId, number, orderId, orderNumber, customerId, customerName, status, currency,
                accountingCurrency, exchangeRate, requestedAt, issuedAt, dueDate == null ? null : LocalDate.parse(dueDate),
                templateId, language, listOf(lines), totalExclTax, totalTax, totalInclTax, listOf(taxes), reverseCharge,
                listOf(legalMentions), pdfSha256, paidAmount, creditedAmount, balance, listOf(payments),
                listOf(creditNotes), listOf(emails), listOf(reminders), rejection, updatedAt);
    }

    List<CreditNoteView> creditNotesOrEmpty() {
        return listOf(creditNotes);
    }

    private static <T> List<T> listOf(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
