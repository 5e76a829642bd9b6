package io.axle.platform.messaging;

import io.axle.api.common.Refusal;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
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

    /**
     * The refusal carried by the first {@link CommandExecutionException} with details among {@code failure}'s causes,
     * or null when the command was not refused by its handler (no handler, timeout, conflict, lost connection).
     */
    @Nullable
    public static Refusal of(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CommandExecutionException refused && refused.getDetails().isPresent()) {
                return fromDetails(refused.getDetails().get());
            }
        }
        return null;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
