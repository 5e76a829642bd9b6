package io.axle.gateway.registry;

import java.io.Serializable;
import java.time.Instant;

/**
 * A run as the registry keeps it in Hazelcast: when it started, for how long and how often it reads (seconds), and
 * when it ended ({@code null} while it runs). Ended entries stay a while so that late readings are refused cheaply.
 */
public record RunFacts(Instant startedAt, int duration, int interval, Instant endedAt) implements Serializable {

    public RunState state() {
        return endedAt == null ? RunState.RUNNING : RunState.ENDED;
    }

    RunFacts ended(Instant at) {
        return new RunFacts(startedAt, duration, interval, at);
    }
}
