package io.axle.gateway.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Ids the event store did not know, remembered by this node for {@code retention}, so that a device sending for a
 * wrong id does not read the event store with every message. Above {@code limit} remembered ids, the expired ones are
 * dropped (all of them if none expired).
 */
public final class RecentlyUnknown {

    private final Duration retention;
    private final int limit;
    private final Clock clock;
    private final ConcurrentMap<String, Instant> until = new ConcurrentHashMap<>();

    public RecentlyUnknown(Duration retention, int limit, Clock clock) {
        this.retention = retention;
        this.limit = limit;
        this.clock = clock;
    }

    /** Whether the id was found unknown less than {@code retention} ago. */
    public boolean contains(String id) {
        Instant expiry = until.get(id);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    public void remember(String id) {
        Instant now = clock.instant();
        if (until.size() >= limit) {
            until.values().removeIf(expiry -> !now.isBefore(expiry));
            if (until.size() >= limit) {
                until.clear();
            }
        }
        until.put(id, now.plus(retention));
    }

    public void forget(String id) {
        until.remove(id);
    }
}
