package io.axle.command;

import io.axle.api.privacy.DataSubject;
import io.axle.command.bounds.Bounds;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks shared by the aggregates; each throws a 422 {@link RuleViolationException} naming the field and rule. The
 * numeric ones hold commands to {@link Bounds}, as the REST edge does, under the same rule names.
 */
public final class Rules {

    /** The e-mail shape accepted everywhere; the REST edge uses the same expression. */
    public static final String EMAIL_REGEX = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    private static final Pattern EMAIL = Pattern.compile(EMAIL_REGEX);
    private static final Pattern SUBJECT = Pattern.compile(DataSubject.ID_PATTERN);
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern ECU = Pattern.compile("[a-z0-9-]{1,32}");

    private Rules() {
    }

    public static void required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw RuleViolationException.unprocessable(field, "required", field + " is required");
        }
    }

    public static void required(Object value, String field) {
        if (value == null) {
            throw RuleViolationException.unprocessable(field, "required", field + " is required");
        }
    }

    /** The id of a person whose personal data an event may hold ({@link DataSubject#ID_PATTERN}). */
    public static void dataSubject(String value, String field) {
        required(value, field);
        if (!SUBJECT.matcher(value).matches()) {
            throw RuleViolationException.unprocessable(field, "subject-id", field + " " + DataSubject.ID_RULE);
        }
    }

    /**
     * An ECU's name ({@code engine}, {@code tcu-2}) as vehicles and firmware spell it: trimmed and lower-cased, then 1
     * to 32 lower-case letters, digits or hyphens (rule {@code ecu-format}); answers the name so spelled.
     */
    public static String ecu(String value, String field) {
        required(value, field);
        String ecu = value.strip().toLowerCase(Locale.ROOT);
        if (!ECU.matcher(ecu).matches()) {
            throw RuleViolationException.unprocessable(field, "ecu-format", "'" + value
                    + "' is not an ECU name (1 to 32 lower-case letters, digits or hyphens)");
        }
        return ecu;
    }

    public static void email(String value, String field) {
        required(value, field);
        if (!EMAIL.matcher(value).matches()) {
            throw RuleViolationException.unprocessable(field, "email", "'" + value + "' is not an e-mail address");
        }
    }

    public static void country(String value, String field) {
        required(value, field);
        if (!COUNTRIES.contains(value)) {
            throw RuleViolationException.unprocessable(field, "iso-3166",
                    "'" + value + "' is not an ISO 3166 alpha-2 country code");
        }
    }

    public static void currency(String value, String field) {
        required(value, field);
        if (!isCurrency(value)) {
            throw RuleViolationException.unprocessable(field, "iso-4217",
                    "'" + value + "' is not an ISO 4217 currency code");
        }
    }

    public static boolean isCurrency(String value) {
        if (value == null || !value.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static void nonNegative(BigDecimal value, String field) {
        required(value, field);
        if (value.signum() < 0) {
            throw RuleViolationException.unprocessable(field, "non-negative", field + " must not be negative");
        }
    }

    public static void nonNegative(int value, String field) {
        if (value < 0) {
            throw RuleViolationException.unprocessable(field, "non-negative", field + " must not be negative");
        }
    }

    public static void positive(BigDecimal value, String field) {
        required(value, field);
        if (value.signum() <= 0) {
            throw RuleViolationException.unprocessable(field, "positive", field + " must be greater than 0");
        }
    }

    public static void positive(int value, String field) {
        if (value <= 0) {
            throw RuleViolationException.unprocessable(field, "positive", field + " must be greater than 0");
        }
    }

    /** An amount or price: required, not negative, at most 12 integer and 4 decimal digits. */
    public static void amount(BigDecimal value, String field) {
        nonNegative(value, field);
        amountDigits(value, field);
    }

    /** An amount that must be more than zero: required, positive, at most 12 integer and 4 decimal digits. */
    public static void positiveAmount(BigDecimal value, String field) {
        positive(value, field);
        amountDigits(value, field);
    }

    /** At most 12 integer and 4 decimal digits (rule {@code amount-digits}). */
    public static void amountDigits(BigDecimal value, String field) {
        required(value, field);
        if (!Bounds.hasAmountDigits(value)) {
            throw RuleViolationException.unprocessable(field, "amount-digits", field + " must have at most "
                    + Bounds.AMOUNT_INTEGER_DIGITS + " integer and " + Bounds.AMOUNT_FRACTION_DIGITS
                    + " decimal digits (at most " + Bounds.MAX_AMOUNT.toPlainString() + "), was "
                    + Bounds.shown(value));
        }
    }

    /**
     * A computed total (of an order, of an invoice) must fit the amount bounds too (rule {@code max-total}); {@code what}
     * names it in the detail.
     */
    public static void total(BigDecimal total, String field, String what) {
        if (total.compareTo(Bounds.MAX_AMOUNT) > 0) {
            throw RuleViolationException.unprocessable(field, "max-total", what + " of " + Bounds.shown(total)
                    + " exceeds the largest amount, " + Bounds.MAX_AMOUNT.toPlainString());
        }
    }

    /** A counted quantity: 1 to 1,000,000. */
    public static void quantity(int value, String field) {
        positive(value, field);
        maxQuantity(value, field);
    }

    /** A counted quantity given as a decimal: a whole number from 1 to 1,000,000 ({@code 1.5} is refused). */
    public static void quantity(BigDecimal value, String field) {
        positive(value, field);
        maxQuantity(value, field);
        if (!Bounds.isWholeNumber(value)) {
            throw RuleViolationException.unprocessable(field, "whole-number", field + " must be a whole number, was "
                    + Bounds.shown(value));
        }
    }

    /** At most 1,000,000 (rule {@code max-quantity}). */
    public static void maxQuantity(Number value, String field) {
        required(value, field);
        if (!Bounds.isAtMostMaxQuantity(value)) {
            throw RuleViolationException.unprocessable(field, "max-quantity", field + " must be at most "
                    + Bounds.MAX_QUANTITY + ", was " + (value instanceof BigDecimal decimal ? Bounds.shown(decimal)
                    : value));
        }
    }

    /** A percentage: required, 0 to 100, at most 4 decimal digits. */
    public static void percent(BigDecimal value, String field) {
        nonNegative(value, field);
        if (value.compareTo(Bounds.MAX_PERCENT) > 0) {
            throw RuleViolationException.unprocessable(field, "at-most-100", field + " must not exceed 100");
        }
        if (!Bounds.hasPercentDigits(value)) {
            throw RuleViolationException.unprocessable(field, "percent-digits", field + " must have at most "
                    + Bounds.PERCENT_FRACTION_DIGITS + " decimal digits, was " + Bounds.shown(value));
        }
    }
}
