package io.axle.api.invoice;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a payment of {@code amount} in the invoice's currency; {@code paymentId} makes a resend harmless. */
public record RecordPaymentCommand(@TargetAggregateIdentifier String invoiceId, String paymentId, BigDecimal amount,
                                   String recordedBy) {
}
