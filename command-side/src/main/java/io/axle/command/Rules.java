package io.axle.command;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks shared by the aggregates; each throws a 422 {@link RuleViolationException} naming the field and rule. */
public final class Rules {

    /** The e-mail shape accepted everywhere; the REST edge uses the same expression. */
    public static final String EMAIL_REGEX = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    private static final Pattern EMAIL = Pattern.compile(EMAIL_REGEX);
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

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
}
