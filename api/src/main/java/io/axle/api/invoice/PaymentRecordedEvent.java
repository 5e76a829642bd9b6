package io.axle.api.invoice;

import java.math.BigDecimal;
import java.time.Instant;

/** A payment was recorded; {@code paidTotal} and {@code balance} are after it, {@code status} what it led to. */
public record PaymentRecordedEvent(String invoiceId, String paymentId, BigDecimal amount, BigDecimal paidTotal,
                                   BigDecimal balance, InvoiceStatus status, String recordedBy, Instant recordedAt) {
}
