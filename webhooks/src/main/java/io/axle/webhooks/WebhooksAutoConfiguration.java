package io.axle.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Partner webhooks: the {@link WebhookDispatcher} in its own tracking processor {@value WebhookDispatcher#PROCESSING_GROUP},
 * the {@link WebhookSender}, the secret store and the read endpoints ({@link WebhookController}). The dispatcher is a
 * plain {@code @Bean} whose declared type carries the {@code @ProcessingGroup}, so Axon's Spring configuration finds
 * its handlers.
 *
 * <p>The processor handles one event per transaction on one segment, so a webhook registered before an event is
 * always known when the event is matched, and propagates failures: the platform's dead-letter queue and retries apply
 * as to every processor (ADR 0013).
 */
@AutoConfiguration(after = MongoDataAutoConfiguration.class)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhooksAutoConfiguration {

    @Bean
    WebhookSecrets webhookSecrets(MongoTemplate mongo) {
        return new WebhookSecrets(mongo);
    }

    @Bean
    WebhookSubscriptions webhookSubscriptions(MongoTemplate mongo) {
        return new WebhookSubscriptions(mongo);
    }

    @Bean
    WebhookDeliveries webhookDeliveries(MongoTemplate mongo) {
        return new WebhookDeliveries(mongo);
    }

    @Bean
    WebhookDispatcher webhookDispatcher(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries,
                                        MongoTemplate mongo, ObjectMapper json) {
        return new WebhookDispatcher(subscriptions, new WebhookFacts(mongo), deliveries, json, Clock.systemUTC());
    }

    @Bean
    WebhookSender webhookSender(WebhookDeliveries deliveries, WebhookSubscriptions subscriptions,
                                WebhookSecrets secrets, WebhookProperties properties) {
        return new WebhookSender(deliveries, subscriptions, secrets, properties, Clock.systemUTC());
    }

    @Bean
    WebhookController axleWebhookController(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries) {
        return new WebhookController(subscriptions, deliveries, Clock.systemUTC());
    }

    /** Propagate (dead-letter or retry) instead of skip, one event per transaction, one segment. */
    @Bean
    ConfigurerModule webhookProcessing(
            @Value("${axle.processors.token-claim-interval:1s}") Duration claimInterval,
            @Value("${axle.processors.event-availability-timeout:1s}") Duration availabilityTimeout) {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(WebhookDispatcher.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance())
                .registerTrackingEventProcessorConfiguration(WebhookDispatcher.PROCESSING_GROUP,
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(1)
                                .andTokenClaimInterval(claimInterval.toMillis(), TimeUnit.MILLISECONDS)
                                .andEventAvailabilityTimeout(availabilityTimeout.toMillis(), TimeUnit.MILLISECONDS));
    }
}
