package io.axle.command;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

import io.axle.platform.json.StrictJson;

/**
 * Refuses a command holding text with a control character other than tab and line breaks, wherever it comes from (the
 * REST edge refuses them already, more strictly; a command sent by another process over Axon Server is checked here):
 * a NUL in a name or a street would otherwise be stored for good and break every document made from it.
 */
final class CommandText {

    private static final int MAX_DEPTH = 8;

    private CommandText() {
    }

    /** Throws a 422 {@link RuleViolationException} (rule {@code no-control-characters}) naming the first bad field. */
    static void check(Object payload) {
        check(payload, "", 0);
    }

    private static void check(Object value, String path, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof String text) {
            int at = StrictJson.forbiddenCharacter(text, true);
            if (at >= 0) {
                String field = path.isEmpty() ? "value" : path;
                throw RuleViolationException.unprocessable(field, "no-control-characters", field
                        + " contains the control character " + String.format("U+%04X", (int) text.charAt(at))
                        + " at position " + at);
            }
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    check(component.getAccessor().invoke(record), join(path, component.getName()), depth + 1);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot read " + component + " of " + record.getClass(), e);
                }
            }
        } else if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                check(item, path + "[" + index++ + "]", depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                check(entry.getKey(), path, depth + 1);
                check(entry.getValue(), join(path, String.valueOf(entry.getKey())), depth + 1);
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
