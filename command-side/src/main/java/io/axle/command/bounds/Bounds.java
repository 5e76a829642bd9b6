package io.axle.command.bounds;

import java.math.BigDecimal;

/**
 * The numeric bounds every command is held to, defined once: the REST edge checks them with the constraints of this
 * package (400), the aggregates with {@link io.axle.command.Rules} (422), so a command sent from anywhere meets the same
 * limits. They keep every figure an event stores small and every sum the model computes exact and within range.
 * <ul>
 *   <li>amounts and prices (unit prices, payments, credit limits, totals): at most {@value #AMOUNT_INTEGER_DIGITS}
 *       integer and {@value #AMOUNT_FRACTION_DIGITS} decimal digits, so at most {@code 999999999999.9999};</li>
 *   <li>quantities: whole numbers from 1 to {@value #MAX_QUANTITY};</li>
 *   <li>stock on hand: at most {@value #MAX_ON_HAND} units of one SKU, which keeps every stock figure within an
 *       {@code int};</li>
 *   <li>percentages: 0 to 100 with at most {@value #PERCENT_FRACTION_DIGITS} decimal digits.</li>
 * </ul>
 */
public final class Bounds {

    public static final int AMOUNT_INTEGER_DIGITS = 12;
    public static final int AMOUNT_FRACTION_DIGITS = 4;
    /** The largest amount: 12 nines, then 4. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.9999");
    public static final int MAX_QUANTITY = 1_000_000;
    public static final int MAX_ON_HAND = 1_000_000_000;
    public static final int PERCENT_FRACTION_DIGITS = 4;
    public static final BigDecimal MAX_PERCENT = BigDecimal.valueOf(100);

    /** Longest rendering of a refused number in a refusal's detail. */
    private static final int SHOWN_DIGITS = 40;

    private Bounds() {
    }

    /**
     * Whether {@code value} has at most 12 integer and 4 decimal digits as written (so {@code 1.00000} has five).
     * Cheap for any value, including {@code 1E+1000000}, whose digits are never expanded.
     */
    public static boolean hasAmountDigits(BigDecimal value) {
        return value.scale() <= AMOUNT_FRACTION_DIGITS && value.precision() - value.scale() <= AMOUNT_INTEGER_DIGITS;
    }

    /** Whether {@code value} has no fractional part: {@code 2} and {@code 2.0} are whole, {@code 1.5} is not. */
    public static boolean isWholeNumber(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /** Whether {@code value} is at most {@value #MAX_QUANTITY}. */
    public static boolean isAtMostMaxQuantity(Number value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.compareTo(BigDecimal.valueOf(MAX_QUANTITY)) <= 0;
        }
        return value.longValue() <= MAX_QUANTITY;
    }

    /** Whether {@code value} is at most {@value #MAX_ON_HAND}. */
    public static boolean isAtMostMaxOnHand(long value) {
        return value <= MAX_ON_HAND;
    }

    /** Whether {@code value} has at most {@value #PERCENT_FRACTION_DIGITS} decimal digits as written. */
    public static boolean hasPercentDigits(BigDecimal value) {
        return value.scale() <= PERCENT_FRACTION_DIGITS;
    }

    /** The number as a refusal may show it: never its million digits. */
    public static String shown(BigDecimal value) {
        String text = value.toString();
        return text.length() <= SHOWN_DIGITS ? text : text.substring(0, SHOWN_DIGITS) + "…";
    }
}
