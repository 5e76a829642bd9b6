package io.axle.documents.understanding.fields;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.axle.documents.understanding.Text;

/**
 * Reads dates written in French, English or German: {@code 12/03/2026}, {@code 12.03.2026}, {@code 12-03-26}
 * (day first, the European way), {@code 2026-03-12}, {@code 12 mars 2026}, {@code 1er mars 2026},
 * {@code 12. März 2026}, {@code March 12, 2026}, {@code 12 March 2026}. A numeric date whose second number cannot be
 * a month ({@code 03/25/2026}) is read month first and marked ambiguous, as is any numeric date whose two first
 * numbers could both be a month, when the text is English.
 */
public final class Dates {

    /** A date and whether its reading was a guess. */
    public record ParsedDate(LocalDate value, boolean ambiguous) {
    }

    static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("janvier", 1), Map.entry("fevrier", 2), Map.entry("mars", 3), Map.entry("avril", 4),
            Map.entry("mai", 5), Map.entry("juin", 6), Map.entry("juillet", 7), Map.entry("aout", 8),
            Map.entry("septembre", 9), Map.entry("octobre", 10), Map.entry("novembre", 11), Map.entry("decembre", 12),
            Map.entry("january", 1), Map.entry("february", 2), Map.entry("march", 3), Map.entry("april", 4),
            Map.entry("may", 5), Map.entry("june", 6), Map.entry("july", 7), Map.entry("august", 8),
            Map.entry("september", 9), Map.entry("october", 10), Map.entry("november", 11), Map.entry("december", 12),
            Map.entry("januar", 1), Map.entry("februar", 2), Map.entry("marz", 3), Map.entry("juni", 6),
            Map.entry("juli", 7), Map.entry("oktober", 10), Map.entry("dezember", 12),
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("fev", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("avr", 4), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("juil", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("sept", 9), Map.entry("oct", 10), Map.entry("okt", 10),
            Map.entry("nov", 11), Map.entry("dec", 12), Map.entry("dez", 12));

    private static final String MONTH = "(" + String.join("|", MONTHS.keySet().stream()
            .sorted((a, b) -> b.length() - a.length()).toList()) + ")";

    /** Any date this class reads, on folded text (lower case, no accents). */
    public static final Pattern DATE = Pattern.compile(
            "(?<![\\d])(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)"
                    + "|(?<![\\d./-])(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}|\\d{2})(?![\\d/.-]\\d)"
                    + "|(?<![\\d])(\\d{1,2})(?:er|st|nd|rd|th)?\\.?\\s+" + MONTH + "\\.?\\s+(\\d{4})(?!\\d)"
                    + "|(?<![\\p{L}])" + MONTH + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)");

    private Dates() {
    }

    public static Optional<ParsedDate> parse(String raw, boolean english) {
        Matcher m = DATE.matcher(Text.fold(raw.trim()));
        return m.matches() ? parse(m, english) : Optional.empty();
    }

    static Optional<ParsedDate> parse(Matcher m, boolean english) {
        try {
            if (m.group(1) != null) {
                return Optional.of(new ParsedDate(date(m.group(1), m.group(2), m.group(3)), false));
            }
            if (m.group(4) != null) {
                int first = Integer.parseInt(m.group(4));
                int second = Integer.parseInt(m.group(5));
                String year = m.group(6);
                if (second > 12 && first <= 12) {
                    return Optional.of(new ParsedDate(date(year, m.group(4), m.group(5)), true));
                }
                boolean bothMonths = first <= 12 && second <= 12 && first != second;
                return Optional.of(new ParsedDate(date(year, m.group(5), m.group(4)), english && bothMonths));
            }
            if (m.group(7) != null) {
                return Optional.of(new ParsedDate(
                        LocalDate.of(Integer.parseInt(m.group(9)), MONTHS.get(m.group(8)), Integer.parseInt(m.group(7))),
                        false));
            }
            return Optional.of(new ParsedDate(
                    LocalDate.of(Integer.parseInt(m.group(12)), MONTHS.get(m.group(10)), Integer.parseInt(m.group(11))),
                    false));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static LocalDate date(String year, String month, String day) {
        int y = Integer.parseInt(year);
        if (year.length() == 2) {
            y += 2000;
        }
        return LocalDate.of(y, Integer.parseInt(month), Integer.parseInt(day));
    }
}
