package io.axle.platform.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.axle.platform.web.RequestMetadataFilter;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Axon defaults shared by every Axle process: the metadata carried by every message, a command gateway that retries
 * optimistic-locking conflicts, and tracking processors that react quickly.
 */
@AutoConfiguration(after = JpaEventStoreAutoConfiguration.class, before = AxonAutoConfiguration.class)
public class MessagingAutoConfiguration {

    /**
     * causationId becomes the id of the message being handled, correlationId is inherited (or starts at that id).
     * Axon's own names for these two are "correlationId" and "traceId" respectively, hence the swap.
     */
    @Bean
    CorrelationDataProvider axleMessageOriginProvider() {
        return new MessageOriginProvider(MessageMetadata.CAUSATION_ID, MessageMetadata.CORRELATION_ID);
    }

    @Bean
    CorrelationDataProvider axleIdentityCorrelationProvider() {
        return new SimpleCorrelationDataProvider(MessageMetadata.USER, MessageMetadata.CLIENT);
    }

    @Bean
    CorrelationDataProvider axleCommandOriginProvider() {
        return new CommandOriginProvider();
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService axleCommandRetryExecutor() {
        return Executors.newScheduledThreadPool(1, new AxonThreadFactory("axle-command-retry"));
    }

    @Bean
    @ConditionalOnMissingBean
    RetryScheduler axleCommandRetryScheduler(ScheduledExecutorService axleCommandRetryExecutor,
                                             @Value("${axle.commands.max-retries:3}") int maxRetries,
                                             @Value("${axle.commands.retry-interval:50ms}") Duration interval) {
        return new ConcurrencyRetryScheduler(IntervalRetryScheduler.builder()
                .retryExecutor(axleCommandRetryExecutor)
                .maxRetryCount(maxRetries)
                .retryInterval((int) interval.toMillis()));
    }

    @Bean
    @ConditionalOnMissingBean
    CommandGateway commandGateway(CommandBus commandBus, RetryScheduler retryScheduler) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(retryScheduler)
                .dispatchInterceptors(new WebRequestMetadataInterceptor(RequestMetadataFilter::currentMetadata))
                .build();
    }

    /**
     * Processor defaults; a processor's own {@code axon.eventhandling.processors.<name>} settings still win. A new
     * processor starts with {@code axle.processors.segments} segments and every node runs up to
     * {@code axle.processors.threads} of them, so nodes share a processor's segments and one node alone can claim them
     * all (once a dead node's claims time out, {@code axon.eventhandling.tokenstore.claim-timeout}). Processors whose
     * tokens exist keep their segments: split them as docs/operations.md says.
     */
    @Bean
    ConfigurerModule axleTrackingProcessorDefaults(@Value("${axle.processors.batch-size:100}") int batchSize,
                                                   @Value("${axle.processors.segments:4}") int segments,
                                                   @Value("${axle.processors.threads:${axle.processors.segments:4}}") int threads,
                                                   @Value("${axle.processors.token-claim-interval:1s}") Duration claimInterval,
                                                   @Value("${axle.processors.event-availability-timeout:1s}") Duration availability) {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                config -> TrackingEventProcessorConfiguration.forParallelProcessing(threads)
                        .andInitialSegmentsCount(segments)
                        .andBatchSize(batchSize)
                        .andTokenClaimInterval(claimInterval.toMillis(), TimeUnit.MILLISECONDS)
                        .andEventAvailabilityTimeout(availability.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The embedded event store, polling storage often so that other nodes' events arrive quickly. */
    @Bean
    @ConditionalOnBean(EventStorageEngine.class)
    @ConditionalOnMissingBean(EventStore.class)
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  @Value("${axle.processors.fetch-delay:100ms}") Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .build();
    }

}
