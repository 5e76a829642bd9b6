package io.axle.platform.values;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.core.TreeNode;

/**
 * Hands each leaf of a value made of records, lists, maps and arrays to a visitor, with its path ({@code lines[0].sku};
 * a map's values under their key, its keys under the map's own path), to at most {@value #MAX_DEPTH} levels. JSON
 * trees are not entered. A check written against one leaf thus covers whole requests and commands, and names where the
 * offending value stands.
 */
public final class Leaves {

    static final int MAX_DEPTH = 32;

    private Leaves() {
    }

    /** Visits every leaf of {@code value}; the root itself is a leaf with the empty path when it is none of the above. */
    public static void forEach(Object value, BiConsumer<String, Object> visitor) {
        walk("", value, 0, visitor);
    }

    private static void walk(String path, Object value, int depth, BiConsumer<String, Object> visitor) {
        if (value == null || depth > MAX_DEPTH || value instanceof TreeNode) {
            return;
        }
        if (value instanceof Record) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                walk(join(path, component.getName()), read(component, value), depth + 1, visitor);
            }
        } else if (value instanceof Iterable<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(path + "[" + index++ + "]", item, depth + 1, visitor);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> {
                walk(path, key, depth + 1, visitor);
                walk(join(path, String.valueOf(key)), item, depth + 1, visitor);
            });
        } else if (value instanceof Object[] items) {
            for (int i = 0; i < items.length; i++) {
                walk(path + "[" + i + "]", items[i], depth + 1, visitor);
            }
        } else {
            visitor.accept(path, value);
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
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component + " of " + record.getClass(), e);
        }
    }
}
