package io.axle.api.invoice;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Issues a requested credit note as numbered and rendered; sending the same again adds nothing. */
public record IssueCreditNoteCommand(@TargetAggregateIdentifier String invoiceId, String creditNoteId,
                                     BillingDocument document, String pdfSha256) {
}
