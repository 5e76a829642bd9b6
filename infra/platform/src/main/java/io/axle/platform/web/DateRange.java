package io.axle.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * The dates Axle accepts from outside: years {@value #MIN_YEAR} to {@value #MAX_YEAR}. Java reads years up to
 * ±999,999,999, which neither MongoDB dates nor the UI can hold; such a value is a caller's mistake, refused with 400.
 */
public final class DateRange {

    public static final int MIN_YEAR = 1;
    public static final int MAX_YEAR = 9999;
    /** The rule named in the problem. */
    public static final String RULE = "date-range";

    private DateRange() {
    }

    /** Whether the date or instant falls in years {@value #MIN_YEAR} to {@value #MAX_YEAR} (instants in UTC). */
    public static boolean isWithin(TemporalAccessor value) {
        int year;
        if (value instanceof Instant instant) {
            year = instant.atOffset(ZoneOffset.UTC).getYear();
        } else if (value.isSupported(ChronoField.YEAR)) {
            year = value.get(ChronoField.YEAR);
        } else {
            return true;
        }
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }

    /** The value itself when within range; otherwise a {@link DateOutOfRangeException} naming {@code field}. */
    public static <T extends TemporalAccessor> T check(String field, T value) {
        if (value != null && !isWithin(value)) {
            throw new DateOutOfRangeException(field, value);
        }
        return value;
    }

    /** The temporal types checked at the edge, in query parameters and request bodies. */
    static boolean isDateType(Class<?> type) {
        return type == Instant.class || type == LocalDate.class || type == LocalDateTime.class
                || type == OffsetDateTime.class || type == ZonedDateTime.class;
    }

    /** The sentence of a refusal of {@code value} in {@code field}. */
    static String detail(String field, Object value) {
        return (field == null || field.isEmpty() ? "The date" : field) + " " + message(value) + ".";
    }

    /** What is wrong with {@code value}, as a validation message. */
    static String message(Object value) {
        return "must be between years " + MIN_YEAR + " and " + MAX_YEAR + ", got " + value;
    }
}
