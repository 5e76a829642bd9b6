package io.axle.api.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a payment of {@code amount} in the invoice's currency; {@code paymentId} makes a resend harmless.
 * {@code paidOn} is the day the money arrived (null: today), {@code method} how (null: not stated), {@code reference}
 * the payer's or bank's reference (optional).
 */
public record RecordPaymentCommand(@TargetAggregateIdentifier String invoiceId, String paymentId, BigDecimal amount,
                                   LocalDate paidOn, PaymentMethod method, String reference, String recordedBy) {

    /** A payment received today, by a method not stated, without a reference. */
    public RecordPaymentCommand(String invoiceId, String paymentId, BigDecimal amount, String recordedBy) {
        this(invoiceId, paymentId, amount, null, null, null, recordedBy);
    }
}
