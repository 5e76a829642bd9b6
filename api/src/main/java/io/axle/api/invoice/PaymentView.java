package io.axle.api.invoice;

import java.math.BigDecimal;
import java.time.Instant;

/** A payment as the read side shows it. */
public record PaymentView(String paymentId, BigDecimal amount, String recordedBy, Instant recordedAt) {
}
