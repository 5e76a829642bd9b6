package io.axle.platform.ratelimit;

/** Grants or refuses one request of a client. */
public interface RateLimiter {

    /** The decision, with the tokens left or the wait before the next request may pass. */
    record Decision(boolean allowed, long remaining, long retryAfterMillis) {
    }

    Decision tryAcquire(String client);
}
