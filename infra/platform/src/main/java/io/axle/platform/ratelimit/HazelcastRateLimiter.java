package io.axle.platform.ratelimit;

import java.util.Map;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;

/**
 * Token buckets in a Hazelcast map, updated by an entry processor on the member owning the client's entry: one
 * network hop at most per request, and exact across the cluster.
 */
public class HazelcastRateLimiter implements RateLimiter {

    public static final String MAP = "axle-rate-limits";

    private final IMap<String, long[]> buckets;
    private final TokenBucket bucket;

    public HazelcastRateLimiter(HazelcastInstance hazelcast, TokenBucket bucket) {
        this.buckets = hazelcast.getMap(MAP);
        this.bucket = bucket;
    }

    @Override
    public Decision tryAcquire(String client) {
        long[] result = buckets.executeOnKey(client, new Take(bucket.capacity(), bucket.tokensPerMinute()));
        return new Decision(result[0] == 1, result[1], result[2]);
    }

    /** Whether {@code client} would be granted a request now, without taking one. */
    public Decision peek(String client) {
        long[] result = buckets.executeOnKey(client, new Take(bucket.capacity(), bucket.tokensPerMinute(), false));
        return new Decision(result[0] == 1, result[1], result[2]);
    }

    /** Runs on the owning member; returns {allowed, remaining, retryAfterMillis}; a peek leaves the bucket as it is. */
    static final class Take implements EntryProcessor<String, long[], long[]> {
        private static final long serialVersionUID = 1L;
        private final long capacity;
        private final long perMinute;
        private final boolean take;

        Take(long capacity, long perMinute) {
            this(capacity, perMinute, true);
        }

        Take(long capacity, long perMinute, boolean take) {
            this.capacity = capacity;
            this.perMinute = perMinute;
            this.take = take;
        }

        @Override
        public long[] process(Map.Entry<String, long[]> entry) {
            TokenBucket.Attempt attempt = new TokenBucket(capacity, perMinute)
                    .take(entry.getValue(), System.currentTimeMillis());
            if (!take) {
                return new long[] {attempt.allowed() ? 1 : 0, attempt.remaining() + 1, attempt.retryAfterMillis()};
            }
            entry.setValue(attempt.state());
            return new long[] {attempt.allowed() ? 1 : 0, attempt.remaining(), attempt.retryAfterMillis()};
        }
    }
}
