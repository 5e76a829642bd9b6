package io.axle.webhooks;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The pause before the next attempt: {@code initial} after the first failure, doubling after each further one up to
 * {@code max}, plus up to half again at random so that receivers coming back are not hit by every delivery at once.
 */
record WebhookBackoff(Duration initial, Duration max, DoubleSupplier random) {

    /** The pause after {@code failures} failed attempts (one or more). */
    Duration after(int failures) {
        long base = initial.toMillis();
        for (int i = 1; i < failures && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        return Duration.ofMillis(base + (long) (base * 0.5 * random.getAsDouble()));
    }
}
