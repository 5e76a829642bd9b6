package io.axle.api.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A payment was recorded; {@code paidTotal} and {@code balance} are after it, {@code status} what it led to.
 * {@code paidOn}, {@code method} and {@code reference} are null in events recorded before payments carried them
 * ({@code method} and {@code reference} also when not stated).
 */
public record PaymentRecordedEvent(String invoiceId, String paymentId, BigDecimal amount, BigDecimal paidTotal,
                                   BigDecimal balance, InvoiceStatus status, String recordedBy, Instant recordedAt,
                                   LocalDate paidOn, PaymentMethod method, String reference) {

    /** A payment as recorded before payments carried a date, a method and a reference. */
    public PaymentRecordedEvent(String invoiceId, String paymentId, BigDecimal amount, BigDecimal paidTotal,
                                BigDecimal balance, InvoiceStatus status, String recordedBy, Instant recordedAt) {
        this(invoiceId, paymentId, amount, paidTotal, balance, status, recordedBy, recordedAt, null, null, null);
    }
}
