package io.axle.command.invoice;

import io.axle.api.invoice.BillingDocument;

import java.time.Instant;
import java.util.Set;

/**
 * Where an invoice stands for the issuing process, as its events tell it: when it was last requested (a rejected
 * request may be made again), whether that request was rejected or issued, the document it was issued with, and the
 * credit notes already issued against it.
 */
public record InvoiceFacts(String invoiceId, String orderId, Instant requestedAt, boolean rejected,
                           BillingDocument document,
                           String pdfSha256, Set<String> issuedCreditNotes) {

    public InvoiceFacts {
        issuedCreditNotes = Set.copyOf(issuedCreditNotes);
    }

    /** Whether the invoice was issued; {@link #document} is then what it says. */
    public boolean issued() {
        return document != null;
    }

    /** Whether the request came to an end, issued or rejected, so there is nothing left to do for it. */
    public boolean settled() {
        return rejected || issued();
    }
}
