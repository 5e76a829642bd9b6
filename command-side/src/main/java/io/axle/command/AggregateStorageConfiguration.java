package io.axle.command;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How aggregates are loaded fast: a cache of loaded aggregates (evicted on rollback, so a lost concurrency race
 * reloads from the store) and snapshots for long-lived aggregates — a popular SKU or a customer with many orders —
 * so that loading one never replays its whole history.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateStorageConfiguration {

    /** Bean name of the snapshot trigger used by {@code @Aggregate(snapshotTriggerDefinition = ...)}. */
    public static final String LONG_LIVED_SNAPSHOTS = "longLivedAggregateSnapshots";
    /** Bean name of the aggregate cache used by {@code @Aggregate(cache = ...)}. */
    public static final String AGGREGATE_CACHE = "aggregateCache";

    @Bean(AGGREGATE_CACHE)
    Cache aggregateCache() {
        return new WeakReferenceCache();
    }

    @Bean(LONG_LIVED_SNAPSHOTS)
    SnapshotTriggerDefinition longLivedAggregateSnapshots(Snapshotter snapshotter,
                                                         @Value("${axle.snapshots.threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
