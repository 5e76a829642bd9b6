package io.axle.documents.understanding.fields;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/**
 * The checks that identifiers carry in themselves. Each answers a {@link Check}: passed, failed with the reason, or
 * (for a VIN outside North America) a warning.
 */
public final class Identifiers {

    /** The outcome of a check; {@code reason} is empty when it passed. */
    public record Check(Outcome outcome, String reason) {

        public enum Outcome { PASSED, WARNING, FAILED }

        static Check passed() {
            return new Check(Outcome.PASSED, "");
        }

        static Check failed(String reason) {
            return new Check(Outcome.FAILED, reason);
        }
    }

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private Identifiers() {
    }

    public static Check iban(String iban) {
        return IBANValidator.getInstance().isValid(iban) ? Check.passed()
                : Check.failed("not a valid IBAN (country format or mod-97 checksum)");
    }

    /** BIC / SWIFT code (ISO 9362): 4 letters for the bank, an ISO country, 2 characters of location, an optional branch. */
    public static Check bic(String bic) {
        if (!bic.matches("[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?")) {
            return Check.failed("a BIC is 8 or 11 characters: bank, country, location, branch");
        }
        return COUNTRIES.contains(bic.substring(4, 6)) ? Check.passed()
                : Check.failed("'" + bic.substring(4, 6) + "' is not an ISO 3166 country");
    }

    /**
     * SIRET: 14 digits passing the Luhn check; La Poste's establishments (SIREN 356000000) use instead a digit sum
     * that is a multiple of 5 (INSEE's rule).
     */
    public static Check siret(String siret) {
        if (!siret.matches("\\d{14}")) {
            return Check.failed("a SIRET has 14 digits");
        }
        if (siret.startsWith("356000000")) {
            return siret.chars().map(c -> c - '0').sum() % 5 == 0 ? Check.passed()
                    : Check.failed("La Poste SIRET digit sum is not a multiple of 5");
        }
        return LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(siret) ? Check.passed()
                : Check.failed("SIRET fails the Luhn check");
    }

    /** Each member state's VAT number after its prefix, as country code and pattern pairs. */
    private static final Map<String, Pattern> VAT_FORMATS = vatFormats(
            "AT U\\d{8} BE [01]\\d{9} BG \\d{9,10} CY \\d{8}[A-Z] CZ \\d{8,10} DE \\d{9} DK \\d{8} "
            + "EE \\d{9} EL \\d{9} ES [0-9A-Z]\\d{7}[0-9A-Z] FI \\d{8} FR [0-9A-HJ-NP-Z]{2}\\d{9} HR \\d{11} "
            + "HU \\d{8} IE \\d[0-9A-Z+*]\\d{5}[A-Z]{1,2} IT \\d{11} LT \\d{9}|\\d{12} LU \\d{8} LV \\d{11} "
            + "MT \\d{8} NL \\d{9}B\\d{2} PL \\d{10} PT \\d{9} RO \\d{2,10} SE \\d{10}01 SI \\d{8} SK \\d{10} "
            + "XI \\d{9}|\\d{12}");

    /**
     * EU VAT identification number: the member state's format (as listed by the Commission's VIES service); for
     * France also the key: {@code key = (12 + 3 × (SIREN mod 97)) mod 97} when the key is numeric.
     */
    public static Check euVatNumber(String vat) {
        if (vat.length() < 4) {
            return Check.failed("too short for a VAT number");
        }
        String country = vat.substring(0, 2);
        Pattern format = VAT_FORMATS.get(country);
        if (format == null) {
            return Check.failed("'" + country + "' is not an EU VAT prefix");
        }
        String rest = vat.substring(2);
        if (!format.matcher(rest).matches()) {
            return Check.failed("not the " + country + " VAT number format");
        }
        if (country.equals("FR") && rest.substring(0, 2).matches("\\d{2}")) {
            long siren = Long.parseLong(rest.substring(2));
            long key = (12 + 3 * (siren % 97)) % 97;
            if (key != Integer.parseInt(rest.substring(0, 2))) {
                return Check.failed("FR VAT key does not match the SIREN (expected " + String.format("%02d", key) + ")");
            }
        }
        return Check.passed();
    }

    private static Map<String, Pattern> vatFormats(String table) {
        String[] items = table.trim().split(" ");
        Map<String, Pattern> formats = new java.util.HashMap<>();
        for (int i = 0; i < items.length; i += 2) {
            formats.put(items[i], Pattern.compile(items[i + 1]));
        }
        return Map.copyOf(formats);
    }

    private static final String VIN_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
    private static final int[] VIN_VALUES = {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9};
    private static final int[] VIN_WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

    /**
     * VIN (ISO 3779): 17 characters, digits and capitals except I, O and Q. The check digit in position 9 (49 CFR
     * 565.15(c): transliterate, weight 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2, sum mod 11, 10 written X) is mandatory
     * for North American manufacturers (WMI starting 1 to 5); elsewhere a mismatch is only a warning.
     */
    public static Check vin(String vin) {
        if (vin.length() != 17) {
            return Check.failed("a VIN has 17 characters");
        }
        if (vin.matches(".*[IOQ].*")) {
            return Check.failed("a VIN never contains I, O or Q");
        }
        if (!vin.matches("[A-HJ-NPR-Z0-9]{17}")) {
            return Check.failed("a VIN has only digits and capital letters");
        }
        char expected = vinCheckDigit(vin);
        if (vin.charAt(8) == expected) {
            return Check.passed();
        }
        String reason = "check digit is " + vin.charAt(8) + ", expected " + expected;
        return vin.charAt(0) >= '1' && vin.charAt(0) <= '5' ? Check.failed(reason + " (mandatory for North America)")
                : new Check(Check.Outcome.WARNING, reason + " (only a warning outside North America)");
    }

    static char vinCheckDigit(String vin) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = vin.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : VIN_VALUES[VIN_LETTERS.indexOf(c)];
            sum += value * VIN_WEIGHTS[i];
        }
        int remainder = sum % 11;
        return remainder == 10 ? 'X' : (char) ('0' + remainder);
    }

    private static final String SIV_LETTER = "[A-HJ-NP-TV-Z]";
    private static final Pattern FR_SIV = Pattern.compile("(" + SIV_LETTER + "{2})[- ]?(\\d{3})[- ]?(" + SIV_LETTER + "{2})");
    private static final Pattern FR_FNI = Pattern.compile("(\\d{1,4}) ?([A-Z]{1,3}) ?(\\d{2}|2A|2B|97\\d)");
    private static final Pattern DE = Pattern.compile("([A-ZÄÖÜ]{1,3})[- ]([A-Z]{1,2}) ?(\\d{1,4}[EH]?)");
    private static final Pattern UK = Pattern.compile("([A-Z]{2}\\d{2}) ?([A-Z]{3})");

    /** Matches any plate format read here, on upper-case text. */
    public static final Pattern PLATE = Pattern.compile("(?<![A-Z0-9-])(?:" + FR_SIV.pattern() + "|" + FR_FNI.pattern()
            + "|" + DE.pattern() + "|" + UK.pattern() + ")(?![A-Z0-9])");

    /**
     * A registration plate in a canonical spelling: French SIV {@code AB-123-CD} (no I, O or U), the older French FNI
     * {@code 123 ABC 75}, German {@code B-AB 1234}, British {@code AB12 CDE}.
     */
    public static Optional<String> plate(String raw) {
        String s = raw.trim().toUpperCase(Locale.ROOT);
        Matcher m;
        if ((m = FR_SIV.matcher(s)).matches()) {
            return Optional.of(m.group(1) + "-" + m.group(2) + "-" + m.group(3));
        }
        if ((m = UK.matcher(s)).matches()) {
            return Optional.of(m.group(1) + " " + m.group(2));
        }
        if ((m = FR_FNI.matcher(s)).matches()) {
            return Optional.of(m.group(1) + " " + m.group(2) + " " + m.group(3));
        }
        if ((m = DE.matcher(s)).matches()) {
            return Optional.of(m.group(1) + "-" + m.group(2) + " " + m.group(3));
        }
        return Optional.empty();
    }
}
