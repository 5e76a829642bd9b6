package io.axle.command;

import io.axle.platform.messaging.ConcurrencyRetryPolicy;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Sends commands to an aggregate every node writes to (the run slots, a company's invoice numbers). On top of the
 * gateway's own retries, a command that lost a race is sent again after a short random pause, so that two nodes
 * retrying in step do not collide again: the race to append the next event (a concurrency conflict), and the race of
 * two nodes creating the stream of a {@code CREATE_IF_MISSING} aggregate (the loser then finds the stream the other
 * wrote; the platform's retry policy does not retry that in general, {@link ConcurrencyRetryPolicy#isRace} counts it
 * as a race). A refusal is never sent again. Only for commands that are safe to repeat.
 */
public final class HotAggregateCommands {

    private HotAggregateCommands() {
    }

    /** Sends {@code command}, at most {@code attempts} times in all, and answers its result. */
    public static <R> R send(CommandGateway gateway, Object command, int attempts) {
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(command);
            } catch (RuntimeException e) {
                if (attempt >= attempts || !ConcurrencyRetryPolicy.isRace(e)) {
                    throw e;
                }
                pause(attempt, e);
            }
        }
    }

    private static void pause(int attempt, RuntimeException failure) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 60) * Math.min(attempt, 10));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
