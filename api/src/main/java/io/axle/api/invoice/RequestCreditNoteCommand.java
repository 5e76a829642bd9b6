package io.axle.api.invoice;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks for a credit note against an issued invoice: {@code lines} null or empty credits everything not yet credited,
 * otherwise the given quantities of the given lines. Refused when it would credit more than was invoiced.
 */
public record RequestCreditNoteCommand(@TargetAggregateIdentifier String invoiceId, String creditNoteId, String reason,
                                       List<CreditedLine> lines, String requestedBy) {
}
