package io.axle.platform.ratelimit;

/**
 * Token-bucket arithmetic: {@code capacity} tokens at most, refilled at {@code tokensPerMinute}; each request takes one.
 * State is two longs (micro-tokens and the last refill time) so that it travels cheaply between cluster members.
 */
public record TokenBucket(long capacity, long tokensPerMinute) {

    static final long MICRO = 1_000_000L;

    /** The result of one attempt: the new state, and either the tokens left or how long to wait. */
    public record Attempt(long[] state, boolean allowed, long remaining, long retryAfterMillis) {
    }

    public TokenBucket {
        if (capacity < 1 || tokensPerMinute < 1) {
            throw new IllegalArgumentException("capacity and tokensPerMinute must be positive");
        }
    }

    /** Takes one token from {@code state} ({@code null} = a full bucket) at {@code nowMillis}. */
    public Attempt take(long[] state, long nowMillis) {
        long micro;
        if (state == null) {
            micro = capacity * MICRO;
        } else {
            long elapsed = Math.max(0, nowMillis - state[1]);
            long refill = elapsed >= 60_000L * capacity ? capacity * MICRO : elapsed * tokensPerMinute * MICRO / 60_000L;
            micro = Math.min(capacity * MICRO, state[0] + refill);
        }
        if (micro >= MICRO) {
            micro -= MICRO;
            return new Attempt(new long[] {micro, nowMillis}, true, micro / MICRO, 0);
        }
        long missing = MICRO - micro;
        long waitMillis = (missing * 60_000L + tokensPerMinute * MICRO - 1) / (tokensPerMinute * MICRO);
        return new Attempt(new long[] {micro, nowMillis}, false, 0, Math.max(1, waitMillis));
    }
}
