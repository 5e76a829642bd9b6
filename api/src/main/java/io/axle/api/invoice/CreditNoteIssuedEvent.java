package io.axle.api.invoice;

import java.math.BigDecimal;

/**
 * A credit note was issued against the invoice; {@code creditedTotal} (incl. tax, all credit notes so far),
 * {@code balance} and {@code status} are the invoice's after it.
 */
public record CreditNoteIssuedEvent(String invoiceId, String creditNoteId, BillingDocument document, String pdfSha256,
                                    BigDecimal creditedTotal, BigDecimal balance, InvoiceStatus status) {
}
