package io.axle.command.invoice;

import io.axle.command.RuleViolationException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The VAT rate table, read from CSV ({@code country,category,rate,source}; {@code #} lines are comments) so that it
 * can be updated or replaced without code. {@link #bundled()} reads the table shipped with the application. Asking
 * for a country or category the table lacks is refused with a 422 {@link RuleViolationException}.
 */
public final class VatRates {

    /** Classpath location of the bundled table. */
    public static final String BUNDLED = "/io/axle/command/invoice/vat-rates.csv";

    private static final String HEADER = "country,category,rate,source";
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Map<String, Map<RateCategory, VatRate>> rates;

    private VatRates(Map<String, Map<RateCategory, VatRate>> rates) {
        this.rates = rates;
    }

    /** The table bundled with the application. */
    public static VatRates bundled() {
        InputStream in = VatRates.class.getResourceAsStream(BUNDLED);
        if (in == null) {
            throw new IllegalStateException("VAT rate table " + BUNDLED + " is missing from the classpath");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(reader, BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a table; {@code origin} names it in error messages. A malformed table is a configuration error and fails
     * with {@link IllegalArgumentException} naming the line.
     */
    public static VatRates read(Reader reader, String origin) throws IOException {
        Map<String, Map<RateCategory, VatRate>> rates = new TreeMap<>();
        BufferedReader lines = new BufferedReader(reader);
        boolean headerSeen = false;
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (!headerSeen) {
                if (!trimmed.equals(HEADER)) {
                    throw malformed(origin, number, "expected the header '" + HEADER + "'");
                }
                headerSeen = true;
                continue;
            }
            VatRate rate = parse(trimmed.split(",", -1), origin, number);
            VatRate previous = rates.computeIfAbsent(rate.country(), c -> new EnumMap<>(RateCategory.class))
                    .putIfAbsent(rate.category(), rate);
            if (previous != null) {
                throw malformed(origin, number, rate.country() + " " + rate.category() + " is listed twice");
            }
        }
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("VAT rate table " + origin + " has no rates");
        }
        return new VatRates(rates);
    }

    private static VatRate parse(String[] cells, String origin, int number) {
        if (cells.length != 4) {
            throw malformed(origin, number, "expected 4 columns: " + HEADER);
        }
        String country = cells[0].strip();
        if (!COUNTRIES.contains(country)) {
            throw malformed(origin, number, "'" + country + "' is not an ISO 3166 alpha-2 country code");
        }
        RateCategory category;
        try {
            category = RateCategory.valueOf(cells[1].strip());
        } catch (IllegalArgumentException e) {
            throw malformed(origin, number, "unknown rate category '" + cells[1].strip() + "'");
        }
        BigDecimal percent;
        try {
            percent = new BigDecimal(cells[2].strip());
        } catch (NumberFormatException e) {
            throw malformed(origin, number, "'" + cells[2].strip() + "' is not a number");
        }
        if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
            throw malformed(origin, number, "rate " + percent + " is not between 0 and 100");
        }
        String source = cells[3].strip();
        if (source.isEmpty()) {
            throw malformed(origin, number, "the source is missing");
        }
        BigDecimal normalized = percent.stripTrailingZeros();
        return new VatRate(country, category, normalized.scale() < 0 ? normalized.setScale(0) : normalized, source);
    }

    private static IllegalArgumentException malformed(String origin, int line, String why) {
        return new IllegalArgumentException("VAT rate table " + origin + ", line " + line + ": " + why);
    }

    /** The rate for a country and category; refused when the table has none. */
    public VatRate rate(String country, RateCategory category) {
        Map<RateCategory, VatRate> byCategory = rates.get(country);
        if (byCategory == null) {
            throw RuleViolationException.unprocessable("country", "vat-rate-known",
                    "no VAT rates for country '" + country + "'; known countries: " + String.join(", ", countries()));
        }
        if (category == null) {
            throw RuleViolationException.unprocessable("rateCategory", "required", "rateCategory is required");
        }
        VatRate rate = byCategory.get(category);
        if (rate == null) {
            throw RuleViolationException.unprocessable("rateCategory", "vat-rate-known",
                    country + " has no " + category + " VAT rate; it has " + byCategory.keySet());
        }
        return rate;
    }

    /** Whether the table has rates for the country. */
    public boolean covers(String country) {
        return rates.containsKey(country);
    }

    /** The countries the table covers, in alphabetical order. */
    public Set<String> countries() {
        return rates.keySet();
    }
}
