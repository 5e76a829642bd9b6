package io.axle.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final TokenBucket bucket = new TokenBucket(2000, 1000);

    @Test
    void allowsABurstOfCapacityThenRefuses() {
        long[] state = null;
        int allowed = 0;
        for (int i = 0; i < 2100; i++) {
            TokenBucket.Attempt attempt = bucket.take(state, 1_000L);
            state = attempt.state();
            if (attempt.allowed()) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(2000);
    }

    @Test
    void refillsAtTheSustainedRateAndTellsHowLongToWait() {
        long[] state = drained(0L);
        TokenBucket.Attempt refused = bucket.take(state, 0L);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterMillis()).isEqualTo(60);

        TokenBucket.Attempt afterOneMinute = bucket.take(refused.state(), 60_000L);
        assertThat(afterOneMinute.allowed()).isTrue();
        assertThat(afterOneMinute.remaining()).isEqualTo(999);
    }

    @Test
    void neverHoldsMoreThanCapacity() {
        TokenBucket.Attempt later = bucket.take(drained(0L), 10 * 60_000L);
        assertThat(later.remaining()).isEqualTo(1999);
    }

    private long[] drained(long now) {
        long[] state = null;
        for (int i = 0; i < 2000; i++) {
            state = bucket.take(state, now).state();
        }
        return state;
    }
}
