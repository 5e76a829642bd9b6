package io.axle.platform.messaging;

import io.axle.api.common.Refusal;
import java.util.Map;
import org.springframework.lang.Nullable;

/**
 * Reads the {@link Refusal} carried as the details of a failed command: the record itself in this process, or the map
 * it becomes after a trip through a serializer (Axon Server).
 */
public final class Refusals {

    private Refusals() {
    }

    /** The refusal in {@code details}, or null if they hold none. */
    @Nullable
    public static Refusal fromDetails(@Nullable Object details) {
        if (details instanceof Refusal refusal) {
            return refusal;
        }
        if (details instanceof Map<?, ?> map && map.get("status") instanceof Number status) {
            return new Refusal(status.intValue(), text(map.get("field")), text(map.get("rule")), text(map.get("detail")));
        }
        return null;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
