package io.axle.platform.messaging;

import org.axonframework.common.lock.DeadlockException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Decides which command failures are worth a retry: only optimistic-locking conflicts between nodes
 * ({@link ConcurrencyException}), never business refusals or duplicate creations.
 */
public final class ConcurrencyRetryPolicy {

    private ConcurrencyRetryPolicy() {
    }

    /**
     * {@code true} when retrying the same command may succeed: it lost a race for an aggregate's stream, or its
     * aggregate's lock was refused because taking it would have deadlocked with another thread's (nothing was done).
     */
    public static boolean isRetryable(Throwable failure) {
        return retryable(failure, false);
    }

    /**
     * {@code true} when the command lost a race for one aggregate's stream: a conflicting append, or (unlike
     * {@link #isRetryable}) two commands creating the same {@code CREATE_IF_MISSING} aggregate at once, where the
     * loser, sent again, finds the aggregate and is handled by it.
     */
    public static boolean isRace(Throwable failure) {
        return retryable(failure, true);
    }

    private static boolean retryable(Throwable failure, boolean creationRace) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateStreamCreationException) {
                return creationRace;
            }
            if (t instanceof CommandExecutionException cee && cee.getDetails().isPresent()) {
                return false;
            }
            if (t instanceof ConcurrencyException || t instanceof DeadlockException) {
                return true;
            }
        }
        return false;
    }
}
