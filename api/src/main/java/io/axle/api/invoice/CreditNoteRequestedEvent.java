package io.axle.api.invoice;

import java.time.Instant;
import java.util.List;

/**
 * A credit note was asked for and accepted; {@code lines} are the resolved quantities per line (never empty), which
 * the issuing process numbers, prices like the invoice, renders and issues.
 */
public record CreditNoteRequestedEvent(String invoiceId, String creditNoteId, String reason, List<CreditedLine> lines,
                                       String requestedBy, Instant requestedAt) {
}
