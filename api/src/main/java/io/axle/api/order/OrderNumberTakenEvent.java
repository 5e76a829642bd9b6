package io.axle.api.order;

/** Order {@code orderId} took number {@code sequence} of its year's sequence, spelt {@code number}. */
public record OrderNumberTakenEvent(String sequenceId, int year, long sequence, String number, String orderId) {
}
