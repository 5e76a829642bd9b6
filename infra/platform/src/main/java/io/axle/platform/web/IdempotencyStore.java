package io.axle.platform.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Remembers, per caller and {@code Idempotency-Key}, which request was made and the answer it got. */
public interface IdempotencyStore {

    /** The stored answer of a completed request. */
    record StoredResponse(int status, Map<String, List<String>> headers, byte[] body) {
    }

    /** A claimed key: the hash of its request, and the answer once there is one. */
    record Entry(String key, String requestHash, Instant claimedAt, StoredResponse response) {
        public boolean completed() {
            return response != null;
        }
    }

    /**
     * Atomically claims the key for a request. Empty when this caller now owns the key; otherwise the entry that
     * already holds it (in flight or completed).
     */
    Optional<Entry> claim(String key, String requestHash, Instant now);

    /** Takes over a claim left in flight since before {@code staleBefore} (its node died); {@code true} on success. */
    boolean takeOver(String key, String requestHash, Instant staleBefore, Instant now);

    /** Stores the final answer for a claimed key. */
    void complete(String key, StoredResponse response);

    /** Forgets a claim whose request failed without an answer worth replaying, so that a retry runs again. */
    void release(String key);
}
