package io.axle.platform.messaging;


import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * No event processor skips an event. Every handler's failure propagates; in an event-handling group (all but sagas and
 * {@code axle.dead-letters.excluded-processing-groups}) it goes to the {@link DeadLetterPolicy}: a store that is away
 * is retried in place, an event that fails by itself becomes a dead letter ({@link DeadLetters}), retried automatically
 * every {@code axle.dead-letters.retry-interval}, counted by the gauge {@code dead_letters{processing_group}} and shown to
 * administrators by {@link DeadLetterController}. A saga's failure rolls its batch back and is retried in place.
 */
@AutoConfiguration(after = JpaAutoConfiguration.class, before = AxonAutoConfiguration.class)
@ConditionalOnBean(EntityManagerProvider.class)
@EnableConfigurationProperties(DeadLetterProperties.class)
@Import(DeadLetterController.class)
public class DeadLetterAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterAutoConfiguration.class);

    @Bean
    ConfigurerModule axleDeadLetterQueues(DeadLetterProperties properties) {
        return configurer -> DeadLetters.registerForAll(configurer.eventProcessing(), properties::deadLetters);
    }

    @Bean
    DeadLetters deadLetters(ObjectProvider<Configuration> axon, TransactionManager transactionManager) {
        return new DeadLetters(() -> axon.getObject().eventProcessingConfiguration(), transactionManager);
    }

    /** How far processors have come, read from the shared token store (for processes that wait for answers). */
    @Bean
    ProcessorProgress axleProcessorProgress(ObjectProvider<Configuration> axon, EntityManagerProvider entityManagers,
                                            TransactionManager transactionManager) {
        return new ProcessorProgress(() -> axon.getObject().eventStore(), entityManagers, transactionManager,
                () -> axon.getObject().serializer());
    }

    @Bean
    EventProcessorsHealthIndicator eventProcessorsHealthIndicator(ObjectProvider<Configuration> axon,
                                                                  DeadLetters deadLetters) {
        return new EventProcessorsHealthIndicator(() -> axon.getObject().eventProcessingConfiguration(), deadLetters);
    }

    @Bean
    DeadLetterRetrier deadLetterRetrier(DeadLetters deadLetters, DeadLetterProperties properties,
                                        ObjectProvider<MeterRegistry> meters) {
        return new DeadLetterRetrier(deadLetters, properties, meters);
    }

    /** Tries every group's dead letters again at a fixed interval, while the application runs. */
    static final class DeadLetterRetrier extends PeriodicTask {

        private final DeadLetters deadLetters;
        private final ObjectProvider<MeterRegistry> meters;

        DeadLetterRetrier(DeadLetters deadLetters, DeadLetterProperties properties,
                          ObjectProvider<MeterRegistry> meters) {
            super("axle-dead-letter-retry", properties.retryInterval(), () -> retryAll(deadLetters, properties));
            this.deadLetters = deadLetters;
            this.meters = meters;
        }

        /** The gauge {@code dead_letters{processing_group}}, one per group with a queue, bound once Axon has started. */
        private void registerGauges(MeterRegistry registry) {
            deadLetters.processingGroups().forEach(group ->
                    Gauge.builder("dead_letters", deadLetters, letters -> letters.sizeOf(group))
                            .tag("processing_group", group)
                            .description("Events of the processing group waiting in its dead-letter queue")
                            .register(registry));
        }

        @Override
        public synchronized void start() {
            meters.ifAvailable(this::registerGauges);
            super.start();
        }

        private static void retryAll(DeadLetters deadLetters, DeadLetterProperties properties) {
            for (String group : deadLetters.processingGroups()) {
                try {
                    DeadLetters.RetryOutcome outcome = deadLetters.retry(group, properties.maxPerRound());
                    if (outcome.sequencesProcessed() > 0) {
                        log.info("Dead letters of {}: {} sequence(s) processed on retry, {} letter(s) remain", group,
                                outcome.sequencesProcessed(), outcome.lettersRemaining());
                    }
                } catch (RuntimeException e) {
                    log.warn("Could not retry the dead letters of {} ({}); trying again in {}", group, e.toString(),
                            properties.retryInterval());
                }
            }
        }
    }
}
