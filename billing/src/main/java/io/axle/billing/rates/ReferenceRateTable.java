package io.axle.billing.rates;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Euro reference rates by publication day, read from the ECB's CSV layout: a {@code Date} column, then one column per
 * currency holding how many units of it one euro is worth. {@code N/A} or an empty cell means the currency was not
 * published that day; a trailing comma on every line (as in the ECB's files) is allowed, and so are {@code #} comment
 * lines and blank lines. Dates are {@code yyyy-MM-dd} (the historical file) or {@code 9 May 2025} (the daily file).
 */
public final class ReferenceRateTable {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final DateTimeFormatter DAILY_FILE_DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    private final NavigableMap<LocalDate, Map<String, BigDecimal>> days;

    private ReferenceRateTable(NavigableMap<LocalDate, Map<String, BigDecimal>> days) {
        this.days = days;
    }

    /**
     * Reads a table; {@code origin} names it in error messages. Anything malformed is refused with a
     * {@link MalformedRateTableException} naming the line and column.
     */
    public static ReferenceRateTable read(Reader reader, String origin) throws IOException {
        BufferedReader lines = new BufferedReader(reader);
        List<String> currencies = null;
        NavigableMap<LocalDate, Map<String, BigDecimal>> days = new TreeMap<>();
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            String trimmed = (number == 1 ? line.replace("\uFEFF", "") : line).strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> cells = cells(trimmed);
            if (currencies == null) {
                currencies = header(withoutTrailingEmpty(cells), origin, number);
                continue;
            }
            if (cells.size() == currencies.size() + 2) {
                cells = withoutTrailingEmpty(cells);
            }
            if (cells.size() != currencies.size() + 1) {
                int expected = currencies.size() + 1;
                int column = cells.size() > expected ? expected + 1 : cells.size() + 1;
                throw new MalformedRateTableException(origin, number, column, null, "expected "
                        + expected + " columns as in the header, found " + cells.size());
            }
            LocalDate day = date(cells.get(0), origin, number);
            Map<String, BigDecimal> rates = new HashMap<>();
            for (int i = 0; i < currencies.size(); i++) {
                BigDecimal rate = rate(cells.get(i + 1), origin, number, i + 2, currencies.get(i));
                if (rate != null) {
                    rates.put(currencies.get(i), rate);
                }
            }
            if (days.putIfAbsent(day, Collections.unmodifiableMap(rates)) != null) {
                throw new MalformedRateTableException(origin, number, 1, "Date", day + " is listed twice");
            }
        }
        if (currencies == null) {
            throw new MalformedRateTableException(origin, 0, 0, null, "is empty; expected a header 'Date,USD,...'");
        }
        if (days.isEmpty()) {
            throw new MalformedRateTableException(origin, 0, 0, null, "has a header but no publication day");
        }
        return new ReferenceRateTable(days);
    }

    /** The cells of a line, stripped. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.split(",", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    /** The cells without the empty one that a trailing comma leaves. */
    private static List<String> withoutTrailingEmpty(List<String> cells) {
        if (cells.size() > 1 && cells.get(cells.size() - 1).isEmpty()) {
            return cells.subList(0, cells.size() - 1);
        }
        return cells;
    }

    private static List<String> header(List<String> cells, String origin, int line) {
        if (!cells.get(0).equalsIgnoreCase("Date")) {
            throw new MalformedRateTableException(origin, line, 1, null,
                    "expected the header 'Date,USD,JPY,...' but the first column is '" + cells.get(0) + "'");
        }
        Set<String> currencies = new LinkedHashSet<>();
        for (int i = 1; i < cells.size(); i++) {
            String code = cells.get(i);
            if (!CURRENCY.matcher(code).matches()) {
                throw new MalformedRateTableException(origin, line, i + 1, null,
                        "'" + code + "' is not an ISO 4217 currency code (three capital letters)");
            }
            if (code.equals("EUR")) {
                throw new MalformedRateTableException(origin, line, i + 1, code,
                        "EUR is the base of the table and cannot be one of its columns");
            }
            if (!currencies.add(code)) {
                throw new MalformedRateTableException(origin, line, i + 1, code, code + " is listed twice");
            }
        }
        if (currencies.isEmpty()) {
            throw new MalformedRateTableException(origin, line, 2, null, "the header names no currency");
        }
        return List.copyOf(currencies);
    }

    private static LocalDate date(String cell, String origin, int line) {
        try {
            return LocalDate.parse(cell);
        } catch (DateTimeParseException notIso) {
            try {
                return LocalDate.parse(cell, DAILY_FILE_DATE);
            } catch (DateTimeParseException notDaily) {
                throw new MalformedRateTableException(origin, line, 1, "Date",
                        "'" + cell + "' is not a date (yyyy-MM-dd)");
            }
        }
    }

    private static BigDecimal rate(String cell, String origin, int line, int column, String currency) {
        if (cell.isEmpty() || cell.equalsIgnoreCase("N/A")) {
            return null;
        }
        BigDecimal rate;
        try {
            rate = new BigDecimal(cell);
        } catch (NumberFormatException e) {
            throw new MalformedRateTableException(origin, line, column, currency, "'" + cell + "' is not a number");
        }
        if (rate.signum() <= 0) {
            throw new MalformedRateTableException(origin, line, column, currency,
                    "rate " + cell + " is not positive");
        }
        return rate;
    }

    /**
     * The latest publication day on or before {@code on} on which every one of {@code currencies} was published
     * (EUR always is), or null when there is none.
     */
    public LocalDate latestPublication(LocalDate on, String... currencies) {
        for (Map.Entry<LocalDate, Map<String, BigDecimal>> day = days.floorEntry(on); day != null;
             day = days.lowerEntry(day.getKey())) {
            if (publishesAll(day.getValue(), currencies)) {
                return day.getKey();
            }
        }
        return null;
    }

    private static boolean publishesAll(Map<String, BigDecimal> rates, String... currencies) {
        for (String currency : currencies) {
            if (!currency.equals("EUR") && !rates.containsKey(currency)) {
                return false;
            }
        }
        return true;
    }

    /** Units of {@code currency} one euro was worth on publication day {@code day}: 1 for EUR, null if unpublished. */
    public BigDecimal perEuro(String currency, LocalDate day) {
        if (currency.equals("EUR")) {
            return BigDecimal.ONE;
        }
        Map<String, BigDecimal> rates = days.get(day);
        return rates == null ? null : rates.get(currency);
    }

    /** The first publication day. */
    public LocalDate oldest() {
        return days.firstKey();
    }

    /** The last publication day. */
    public LocalDate newest() {
        return days.lastKey();
    }

    /** How many publication days the table has. */
    public int size() {
        return days.size();
    }

    /** Every currency published on at least one day, EUR included, in alphabetical order. */
    public Set<String> currencies() {
        Set<String> currencies = new TreeSet<>();
        currencies.add("EUR");
        days.values().forEach(rates -> currencies.addAll(rates.keySet()));
        return Collections.unmodifiableSet(currencies);
    }
}
