package io.axle.api.invoice;

/** The two billing documents: an invoice, and a credit note correcting one. */
public enum DocumentKind {
    INVOICE, CREDIT_NOTE
}
