package io.axle.saga;

import io.axle.api.common.Refusal;
import io.axle.platform.messaging.Refusals;
import org.axonframework.commandhandling.CommandExecutionException;
import org.springframework.lang.Nullable;

/**
 * Reads why the command side refused a command a saga sent, so that a saga can tell an answer that settles its step
 * (the thing is already done, or can never be done) from a failure worth sending again.
 */
public final class CommandRefusals {

    private CommandRefusals() {
    }

    /**
     * The refusal carried by the first {@link CommandExecutionException} with details in {@code failure}'s causes, or
     * null when the command was not refused by the command side (no handler, timeout, conflict, lost connection).
     */
    @Nullable
    public static Refusal of(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CommandExecutionException refused && refused.getDetails().isPresent()) {
                return Refusals.fromDetails(refused.getDetails().get());
            }
        }
        return null;
    }
}
