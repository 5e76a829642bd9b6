package io.axle.platform.web;

import java.time.temporal.TemporalAccessor;

/** A date outside the years {@link DateRange} accepts; answered with a 400 problem, rule {@value DateRange#RULE}. */
public class DateOutOfRangeException extends IllegalArgumentException {

    private final String field;
    private final transient TemporalAccessor value;

    public DateOutOfRangeException(String field, TemporalAccessor value) {
        super(DateRange.detail(field, value));
        this.field = field;
        this.value = value;
    }

    /** The field or parameter holding the date; {@code null} when the code that read it did not know it. */
    public String field() {
        return field;
    }

    public TemporalAccessor value() {
        return value;
    }
}
