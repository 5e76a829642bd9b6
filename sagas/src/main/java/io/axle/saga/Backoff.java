package io.axle.saga;

import java.time.Duration;

/** How long a saga waits before sending a failed command again. */
public final class Backoff {

    private Backoff() {
    }

    /** The wait after attempt {@code attempt} (counting from 1): {@code first}, doubled per attempt, at most {@code max}. */
    public static Duration doubling(Duration first, Duration max, int attempt) {
        Duration delay = first;
        for (int i = 1; i < attempt && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
