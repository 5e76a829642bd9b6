package io.axle.api.invoice;

/** How a payment reached the seller. */
public enum PaymentMethod {
    BANK_TRANSFER, CARD, CASH, CHEQUE, DIRECT_DEBIT, OTHER
}
