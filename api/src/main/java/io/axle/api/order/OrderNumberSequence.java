package io.axle.api.order;

import java.util.Locale;

/**
 * The order numbers of one year: the OrderNumbering aggregate {@link #id()} hands out 1, 2, 3, … spelt
 * {@code SO-2026-000001} ({@link #format}), each to exactly one order.
 */
public record OrderNumberSequence(int year) {

    /** Prefix of every order-number sequence identifier. */
    public static final String ID_PREFIX = "order-numbers:";

    /** Identifier of this year's sequence, e.g. {@code order-numbers:2026}. */
    public String id() {
        return ID_PREFIX + year;
    }

    /** Number {@code sequence} of this year: {@code SO-2026-000042}, at least six digits. */
    public String format(long sequence) {
        return String.format(Locale.ROOT, "SO-%d-%06d", year, sequence);
    }
}
