package io.axle.documents.understanding.fields;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Reads amounts written the French, English or German way: {@code 1 234,56 €}, {@code €1,234.56},
 * {@code 1.234,56}, {@code 1'234.56}, {@code 1234.5}. The last separator followed by one or two digits is the decimal
 * mark; the others group thousands. A single separator followed by exactly three digits ({@code 1,234} or
 * {@code 1.234}) is read as a thousands separator but marked ambiguous.
 */
public final class Amounts {

    /** An amount and whether its reading was a guess. */
    public record Amount(BigDecimal value, boolean ambiguous) {
    }

    private Amounts() {
    }

    public static Optional<Amount> parse(String raw) {
        String s = raw.replaceAll("[€$£]|EUR|USD|GBP|CHF", "").replaceAll("[\\s\u00A0\u202F']", "");
        boolean negative = s.startsWith("-");
        if (negative) {
            s = s.substring(1);
        }
        if (s.isEmpty() || !s.matches("[\\d.,]+") || !Character.isDigit(s.charAt(0))) {
            return Optional.empty();
        }
        int lastSeparator = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
        String integer = s;
        String decimals = "";
        boolean ambiguous = false;
        if (lastSeparator >= 0) {
            int digitsAfter = s.length() - lastSeparator - 1;
            char mark = s.charAt(lastSeparator);
            boolean singleSeparator = s.indexOf(',') < 0 || s.indexOf('.') < 0;
            boolean onlyOnce = s.indexOf(mark) == lastSeparator;
            if (digitsAfter == 1 || digitsAfter == 2) {
                integer = s.substring(0, lastSeparator);
                decimals = s.substring(lastSeparator + 1);
            } else if (digitsAfter == 3 && singleSeparator && onlyOnce) {
                ambiguous = true;
            } else if (digitsAfter != 3) {
                return Optional.empty();
            }
        }
        String digits = integer.replaceAll("[.,]", "");
        if (digits.isEmpty() || !integer.equals(digits) && !integer.matches("\\d{1,3}([.,]\\d{3})+")) {
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(digits + (decimals.isEmpty() ? "" : "." + decimals));
        return Optional.of(new Amount(negative ? value.negate() : value, ambiguous));
    }
}
