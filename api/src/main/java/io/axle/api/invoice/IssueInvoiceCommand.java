package io.axle.api.invoice;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issues a requested invoice as numbered and rendered: {@code document} is what the PDF says and {@code pdfSha256}
 * the lowercase hex SHA-256 of the signed PDF's bytes. Sending the same again is accepted without a new event.
 */
public record IssueInvoiceCommand(@TargetAggregateIdentifier String invoiceId, BillingDocument document,
                                  String pdfSha256) {
}
