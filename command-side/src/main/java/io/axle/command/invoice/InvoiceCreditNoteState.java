package io.axle.command.invoice;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.axle.api.invoice.CreditedLine;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an {@link Invoice} remembers of one of its credit notes: the request (reason and resolved lines, whose
 * quantities stay reserved from then on) and, once issued, its number, PDF digest and amount including tax.
 */
record InvoiceCreditNoteState(String creditNoteId, String reason, List<CreditedLine> lines, String number,
                              String pdfSha256, BigDecimal totalInclTax) {

    InvoiceCreditNoteState {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    static InvoiceCreditNoteState requested(String creditNoteId, String reason, List<CreditedLine> lines) {
        return new InvoiceCreditNoteState(creditNoteId, reason, lines, null, null, null);
    }

    InvoiceCreditNoteState issued(String issuedNumber, String sha256, BigDecimal total) {
        return new InvoiceCreditNoteState(creditNoteId, reason, lines, issuedNumber, sha256, total);
    }

    @JsonIgnore
    boolean isIssued() {
        return number != null;
    }

    /** The quantity of invoice line {@code position} this credit note takes. */
    BigDecimal quantityOf(int position) {
        return lines.stream()
                .filter(line -> line.position() == position)
                .map(CreditedLine::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * Whether a request with this reason and these lines is this one sent again. Lines null or empty ask for whatever
     * was left when the request was first made, which is what this one resolved to, so they match any lines.
     */
    boolean isSameRequest(String otherReason, List<CreditedLine> otherLines) {
        if (otherReason == null || !reason.equals(otherReason.strip())) {
            return false;
        }
        if (otherLines == null || otherLines.isEmpty()) {
            return true;
        }
        Set<Integer> positions = new HashSet<>();
        for (CreditedLine line : otherLines) {
            if (line == null || line.quantity() == null || !positions.add(line.position())
                    || quantityOf(line.position()).compareTo(line.quantity()) != 0) {
                return false;
            }
        }
        return positions.size() == lines.size();
    }

    /** Whether an issue with this number and PDF is the issue of this credit note sent again. */
    boolean isSameDocument(String otherNumber, String otherSha256) {
        return Objects.equals(number, otherNumber) && Objects.equals(pdfSha256, otherSha256);
    }
}
