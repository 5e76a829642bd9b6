package io.axle.platform.web;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.temporal.TemporalAccessor;
import java.util.Map;

import com.fasterxml.jackson.core.TreeNode;
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

    private static final int MAX_DEPTH = 32;

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        check("", body, 0);
        return body;
    }

    /** Throws {@link DateOutOfRangeException} for the first date out of range found in {@code value}. */
    static void check(String path, Object value, int depth) {
        if (value == null || depth > MAX_DEPTH || value instanceof TreeNode) {
            return;
        }
        if (value instanceof TemporalAccessor date && DateRange.isDateType(date.getClass())) {
            DateRange.check(path, date);
        } else if (value instanceof Record) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                check(join(path, component.getName()), read(component, value), depth + 1);
            }
        } else if (value instanceof Iterable<?> items) {
            int index = 0;
            for (Object item : items) {
                check(path + "[" + index++ + "]", item, depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> check(join(path, String.valueOf(key)), item, depth + 1));
        } else if (value instanceof Object[] items) {
            for (int i = 0; i < items.length; i++) {
                check(path + "[" + i + "]", items[i], depth + 1);
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
