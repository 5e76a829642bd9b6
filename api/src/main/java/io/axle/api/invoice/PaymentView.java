package io.axle.api.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A payment as the read side shows it; {@code paidOn}, {@code method} and {@code reference} null when not known. */
public record PaymentView(String paymentId, BigDecimal amount, String recordedBy, Instant recordedAt, LocalDate paidOn,
                          PaymentMethod method, String reference) {

    /** A payment recorded before payments carried a date, a method and a reference. */
    public PaymentView(String paymentId, BigDecimal amount, String recordedBy, Instant recordedAt) {
        this(paymentId, amount, recordedBy, recordedAt, null, null, null);
    }
}
