package io.axle.platform.web;

import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.function.Function;

import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.format.datetime.standard.InstantFormatter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Reads dates in query parameters, path variables and form fields as ISO-8601 and refuses those outside
 * {@link DateRange}, so that {@code ?from=-999999999-01-01T00:00:00Z} is a 400 naming the parameter, not a 500 deep in
 * a query. Registered last, these formatters take precedence over Spring's defaults for the same types.
 */
public class DateRangeFormatters implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        InstantFormatter instants = new InstantFormatter();
        registry.addFormatterForFieldType(Instant.class, checked(text -> {
            try {
                return instants.parse(text, Locale.ROOT);
            } catch (ParseException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }));
        registry.addFormatterForFieldType(LocalDate.class, checked(LocalDate::parse));
        registry.addFormatterForFieldType(LocalDateTime.class, checked(LocalDateTime::parse));
        registry.addFormatterForFieldType(OffsetDateTime.class, checked(OffsetDateTime::parse));
        registry.addFormatterForFieldType(ZonedDateTime.class, checked(ZonedDateTime::parse));
    }

    private static <T extends TemporalAccessor> Formatter<T> checked(Function<String, T> parser) {
        return new Formatter<>() {
            @Override
            public T parse(String text, Locale locale) {
                return DateRange.check(null, parser.apply(text.strip()));
            }

            @Override
            public String print(T value, Locale locale) {
                return value.toString();
            }
        };
    }
}
