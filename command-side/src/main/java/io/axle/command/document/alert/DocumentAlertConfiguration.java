package io.axle.command.document.alert;

import io.axle.billing.mail.MailDelivery;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Wires document alerts: the rules of {@code axle.documents.alerts}, checked at start-up (a misconfigured rule stops
 * Axle with a message naming the property), the conditions other modules add as {@link AlertCondition} beans, the
 * {@value DocumentAlertProcessor#PROCESSING_GROUP} processor that raises alerts and the
 * {@value DocumentAlertMailer#PROCESSING_GROUP} processor that mails them (unless {@code axle.billing.mail.enabled} is
 * false, which turns every mail off). Both propagate failures (dead letters and retries, never a skip) and handle one
 * event per transaction, so a retry never repeats another event's command or mail.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DocumentAlertProperties.class)
public class DocumentAlertConfiguration {

    /** The From of alert mails when neither {@code axle.documents.alerts.from} nor billing's is set. */
    static final String DEFAULT_FROM = "Axle <axle@localhost>";

    @Bean
    AlertEvaluator documentAlertEvaluator(DocumentAlertProperties properties,
                                          ObjectProvider<AlertCondition> conditions) {
        AlertConditions all = new AlertConditions(conditions.orderedStream().toList());
        return new AlertEvaluator(properties.rules(all), all);
    }

    @Bean
    AlertedDocuments alertedDocuments(EventStore eventStore) {
        return new AlertedDocuments(eventStore);
    }

    @Bean
    DocumentAlertProcessor documentAlertProcessor(AlertedDocuments documents, AlertEvaluator evaluator,
                                                  CommandGateway commandGateway) {
        return new DocumentAlertProcessor(documents, evaluator, commandGateway);
    }

    @Bean
    @ConditionalOnProperty(name = "axle.billing.mail.enabled", havingValue = "true", matchIfMissing = true)
    DocumentAlertMailer documentAlertMailer(AlertedDocuments documents, AlertEvaluator evaluator,
                                            DocumentAlertProperties properties, MailDelivery delivery,
                                            @Value("${axle.billing.mail.from:}") String billingFrom,
                                            @Value("${axle.public-url:}") String publicUrl,
                                            @Value("${server.port:8080}") int port) {
        String from = !isBlank(properties.from()) ? properties.from()
                : !isBlank(billingFrom) ? billingFrom : DEFAULT_FROM;
        String base = isBlank(publicUrl) ? "http://localhost:" + port : publicUrl.strip();
        return new DocumentAlertMailer(documents, evaluator, properties.recipients(),
                new DocumentAlertMailComposer(from, base, Clock.systemUTC()), delivery);
    }

    @Bean
    ConfigurerModule documentAlertProcessing(
            @Value("${axle.processors.token-claim-interval:1s}") Duration claimInterval,
            @Value("${axle.processors.event-availability-timeout:1s}") Duration availability) {
        return configurer -> configure(configurer.eventProcessing(), claimInterval, availability);
    }

    /** Both groups: failures propagated, one thread, one event per transaction. */
    static EventProcessingConfigurer configure(EventProcessingConfigurer processing, Duration claimInterval,
                                               Duration availability) {
        for (String group : List.of(DocumentAlertProcessor.PROCESSING_GROUP, DocumentAlertMailer.PROCESSING_GROUP)) {
            processing.registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance())
                    .registerTrackingEventProcessorConfiguration(group,
                            c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(1)
                                    .andTokenClaimInterval(claimInterval.toMillis(), TimeUnit.MILLISECONDS)
                                    .andEventAvailabilityTimeout(availability.toMillis(), TimeUnit.MILLISECONDS));
        }
        return processing;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
