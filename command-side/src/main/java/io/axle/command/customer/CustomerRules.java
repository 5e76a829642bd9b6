package io.axle.command.customer;

import io.axle.api.customer.BillingAddress;
import io.axle.command.RuleViolationException;
import io.axle.command.Rules;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of a customer's optional invoicing details. A VAT number is accepted as people write it (spaces, dots,
 * lower case) and kept in the one spelling VIES and invoices use: {@code FR40303265045}. Its shape is checked (an EU
 * prefix, then 2 to 13 letters or digits, at least one a digit, as in every member state's format), not its checksum
 * or its existence, which only VIES can tell.
 */
final class CustomerRules {

    /**
     * The VAT prefixes of the EU VAT system: the 27 member states (Greece is EL) and Northern Ireland (XI), which
     * stays in it for goods.
     */
    static final Set<String> EU_VAT_PREFIXES = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES",
            "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI");

    /** Languages invoices and mails can be written in (ISO 639-1). */
    static final Set<String> SUPPORTED_LANGUAGES = Set.of("fr", "en", "de", "es", "it", "nl");

    private static final Pattern VAT_NUMBER = Pattern.compile("([A-Z]{2})(?=[A-Z]*[0-9])[A-Z0-9]{2,13}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.]");
    /** A phone number as people write it: an optional leading +, then digits, spaces, dots, dashes and brackets. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 .()/-]+");
    private static final Pattern NOT_DIGITS = Pattern.compile("[^0-9]");

    private CustomerRules() {
    }

    /** The VAT number in its normal spelling, or null when none is given; refused (422) when it has no EU shape. */
    static String vatNumber(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String normal = SEPARATORS.matcher(value).replaceAll("").toUpperCase(Locale.ROOT);
        var matcher = VAT_NUMBER.matcher(normal);
        if (!matcher.matches() || !EU_VAT_PREFIXES.contains(matcher.group(1))) {
            throw RuleViolationException.unprocessable("vatNumber", "vat-number", "'" + value
                    + "' is not an EU VAT number: a country prefix (e.g. FR, DE, EL) and 2 to 13 letters or digits,"
                    + " e.g. FR40303265045");
        }
        return normal;
    }

    /** The language in lower case, or null when none is given; refused (422) when invoices cannot be written in it. */
    static String language(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.strip().toLowerCase(Locale.ROOT);
        if (!SUPPORTED_LANGUAGES.contains(code)) {
            throw RuleViolationException.unprocessable("language", "supported-language", "'" + value
                    + "' is not a supported language; use one of " + String.join(", ", SUPPORTED_LANGUAGES.stream()
                    .sorted().toList()));
        }
        return code;
    }

    /**
     * The phone number as written (trimmed), or null when none is given; refused (422 {@code phone}) unless it is
     * digits with the usual separators and holds 6 to 15 digits (E.164 allows at most 15).
     */
    static String phone(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String written = value.strip();
        int digits = NOT_DIGITS.matcher(written).replaceAll("").length();
        if (!PHONE.matcher(written).matches() || digits < 6 || digits > 15) {
            throw RuleViolationException.unprocessable("phone", "phone", "'" + value + "' is not a phone number: "
                    + "6 to 15 digits, optionally a leading + and spaces, dots, dashes or brackets, e.g. +33 1 23 45 67 89");
        }
        return written;
    }

    /**
     * The billing address with its texts trimmed (a blank region becomes null), or null when none is given; street,
     * postal code and city are required and the country must be an ISO 3166 code (422 naming e.g.
     * {@code billingAddress.city}).
     */
    static BillingAddress billingAddress(BillingAddress address) {
        if (address == null) {
            return null;
        }
        Rules.required(address.street(), "billingAddress.street");
        Rules.required(address.postalCode(), "billingAddress.postalCode");
        Rules.required(address.city(), "billingAddress.city");
        Rules.country(address.country(), "billingAddress.country");
        String region = address.region() == null || address.region().isBlank() ? null : address.region().strip();
        return new BillingAddress(address.street().strip(), address.postalCode().strip(), address.city().strip(),
                region, address.country());
    }
}
