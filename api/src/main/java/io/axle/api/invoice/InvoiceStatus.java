package io.axle.api.invoice;

/**
 * Where an invoice stands. REQUESTED until its number and document exist; REJECTED when it could not be issued (before
 * any number was taken); then ISSUED, PARTIALLY_PAID, PAID, OVERDUE (due date passed with a balance left) and CREDITED
 * (credit notes cover the whole amount).
 */
public enum InvoiceStatus {
    REQUESTED, REJECTED, ISSUED, PARTIALLY_PAID, PAID, OVERDUE, CREDITED
}
