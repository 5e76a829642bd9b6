package io.axle.api.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A credit note as the read side shows it; {@code number} and the amounts are null until it is issued. */
public record CreditNoteView(String creditNoteId, String number, String reason, List<CreditedLine> lines,
                             BigDecimal totalExclTax, BigDecimal totalTax, BigDecimal totalInclTax, String pdfSha256,
                             Instant requestedAt, Instant issuedAt) {
}
