package io.axle.platform.web;

import java.lang.reflect.Type;
import java.time.temporal.TemporalAccessor;

import io.axle.platform.values.Leaves;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses request bodies holding a date outside {@link DateRange}, naming its path ({@code lines[0].deliveryDate}).
 * Bodies are records, lists, maps and arrays of them; the walk stops at other types (JSON trees, whose dates are
 * still text, included), so it costs little on bodies without dates. Checked after reading, so the JSON reader and the messages' serialisation stay as they are.
 */
@ControllerAdvice
public class DateRangeBodyAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        check(body);
        return body;
    }

    /** Throws {@link DateOutOfRangeException} for the first date out of range found in {@code body}. */
    static void check(Object body) {
        Leaves.forEach(body, (path, value) -> {
            if (value instanceof TemporalAccessor date && DateRange.isDateType(date.getClass())) {
                DateRange.check(path, date);
            }
        });
    }
}
