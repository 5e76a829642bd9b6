package io.axle.vehicles;

import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes vehicle identification numbers (ISO 3779). A VIN is normalised (trimmed, upper case, spaces and hyphens
 * dropped), must have 17 characters from digits and capital letters but I, O and Q, and its check digit (position 9,
 * computed as 49 CFR 565.15(c) says) must be right where the WMI starts with 1–5 (North America); elsewhere a wrong
 * one is only the warning {@code check-digit}. Manufacturer and country come from the bundled WMI tables (see
 * {@code wmi.tsv}, from idlesign/vininfo, BSD-3-Clause), the model year from position 10.
 */
public final class Vins {

    private static final String TABLES = "/io/axle/vehicles/";
    private static final Map<String, List<String>> MANUFACTURERS = BundledTable.read(TABLES + "wmi.tsv");
    private static final Map<String, List<String>> COUNTRIES = BundledTable.read(TABLES + "wmi-countries.tsv");

    /** 49 CFR 565.15(c): the weight of each position; position 9 (the check digit itself) weighs 0. */
    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

    /** 49 CFR 565.15(c) transliteration, indexed by letter - 'A'; 0 for I, O and Q, which a VIN never holds. */
    private static final int[] LETTER_VALUES = {
            1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5, 0, 7, 0, 9, 2, 3, 4, 5, 6, 7, 8, 9};

    /** Position 10 codes in the order of a 30-year cycle starting with A = 1980 (and 2010). */
    private static final String MODEL_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789";

    private Vins() {
    }

    /** Decodes {@code raw} with today's year from the system clock (for model years outside North America). */
    public static DecodedVin decode(String raw) {
        return decode(raw, Clock.systemUTC());
    }

    /**
     * Decodes {@code raw}; {@code clock} gives the current year, which places a model year code outside North
     * America (the latest year of its 30-year cycle that is not after next year).
     *
     * @throws VinException naming the rule {@code raw} breaks
     */
    public static DecodedVin decode(String raw, Clock clock) {
        String vin = normalise(raw);
        if (vin.length() != 17) {
            throw new VinException("vin-length", "a VIN has 17 characters, this one " + vin.length());
        }
        for (int i = 0; i < vin.length(); i++) {
            char c = vin.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' && c != 'Q');
            if (!allowed) {
                throw new VinException("vin-characters",
                        "position " + (i + 1) + " holds '" + c + "': a VIN has digits and letters but I, O and Q");
            }
        }
        List<String> warnings = new ArrayList<>();
        boolean northAmerican = vin.charAt(0) >= '1' && vin.charAt(0) <= '5';
        char expected = checkDigit(vin);
        boolean checkDigitValid = vin.charAt(8) == expected;
        if (!checkDigitValid) {
            if (northAmerican) {
                throw new VinException("vin-check-digit",
                        "position 9 is '" + vin.charAt(8) + "', the check digit of this VIN is '" + expected + "'");
            }
            warnings.add("check-digit");
        }
        boolean smallManufacturer = vin.charAt(2) == '9';
        String wmi = smallManufacturer ? vin.substring(0, 3) + vin.substring(11, 14) : vin.substring(0, 3);
        String manufacturer = manufacturer(wmi);
        if (manufacturer == null) {
            warnings.add("unknown-manufacturer");
        }
        List<String> country = COUNTRIES.get(vin.substring(0, 2));
        Integer modelYear = modelYear(vin, northAmerican, Year.now(clock).getValue());
        if (modelYear == null) {
            warnings.add("unknown-model-year");
        }
        return new DecodedVin(vin, wmi, manufacturer, country == null ? null : country.get(0), modelYear,
                northAmerican, checkDigitValid, warnings);
    }

    /** Trimmed, upper case, without spaces and hyphens; an absent VIN becomes the empty string. */
    public static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.strip().toUpperCase(Locale.ROOT).replace(" ", "").replace("-", "");
    }

    /** The check digit (0–9 or X) of a 17-character VIN of allowed characters, per 49 CFR 565.15(c). */
    public static char checkDigit(String vin) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = vin.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : LETTER_VALUES[c - 'A'];
            sum += value * WEIGHTS[i];
        }
        int remainder = sum % 11;
        return remainder == 10 ? 'X' : (char) ('0' + remainder);
    }

    /** The longest key the table knows: the six characters of a small manufacturer, then three, then two. */
    private static String manufacturer(String wmi) {
        for (int length = wmi.length(); length >= 2; length = length == 6 ? 3 : length - 1) {
            List<String> row = MANUFACTURERS.get(wmi.substring(0, length));
            if (row != null) {
                return row.get(0);
            }
        }
        return null;
    }

    /**
     * Position 10 read in its 30-year cycle. In North America (49 CFR 565.15(a)) a letter in position 7 means
     * 2010–2039 and a digit 1980–2009; elsewhere the latest year of the cycle not after next year.
     */
    private static Integer modelYear(String vin, boolean northAmerican, int currentYear) {
        int index = MODEL_YEAR_CODES.indexOf(vin.charAt(9));
        if (index < 0) {
            return null;
        }
        int year = 1980 + index;
        if (northAmerican) {
            return Character.isLetter(vin.charAt(6)) ? year + 30 : year;
        }
        while (year + 30 <= currentYear + 1) {
            year += 30;
        }
        return year;
    }
}
