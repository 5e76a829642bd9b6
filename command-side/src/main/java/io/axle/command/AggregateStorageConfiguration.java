package io.axle.command;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
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

    /**
     * Snapshots taken on a background thread. Taken in the command's thread, a snapshot needs a second connection while
     * the aggregate's lock is held, and a burst on a hot aggregate (the run slots, a popular SKU) can hold every pooled
     * connection in that lock's queue until the pool times out.
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
            HandlerDefinition handlerDefinition, ParameterResolverFactory parameterResolverFactory, EventStore eventStore,
            TransactionManager transactionManager, SnapshotterSpanFactory spanFactory, ExecutorService axleSnapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(axleSnapshotExecutor)
                .build();
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService axleSnapshotExecutor() {
        return Executors.newSingleThreadExecutor(new AxonThreadFactory("axle-snapshotter"));
    }
}
