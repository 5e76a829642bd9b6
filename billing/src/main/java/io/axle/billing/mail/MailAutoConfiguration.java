package io.axle.billing.mail;

import io.axle.billing.DocumentStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * E-mails issued documents and payment reminders: {@link InvoiceMailer} and {@link PaymentReminderMailer} in the
 * tracking processor {@value InvoiceMailer#PROCESSING_GROUP},
 * delivering over SMTP when Spring Boot has configured a {@link JavaMailSender} ({@code spring.mail.host} set) and to
 * the outbox folder otherwise. The mailer is a plain {@code @Bean} whose declared type is {@link InvoiceMailer}, so
 * Axon's Spring configuration finds its {@code @EventHandler} methods and its {@code @ProcessingGroup}.
 *
 * <p>Its processor handles one event per transaction and propagates handler errors instead of skipping them. The
 * platform gives the group a dead-letter queue, as it does every event-handling group: a failed mail waits there,
 * with the later events of the same invoice behind it, while other invoices' mails go out, and is retried until sent
 * (every {@code axle.dead-letters.retry-interval}, or at once by an administrator). Without that queue, or when the
 * letter cannot be stored, the processor retries the same event with a growing pause (Axon's error mode, 1 s doubling
 * up to 60 s). Either way a retry never re-sends the mails of other events. {@code axle.billing.mail.enabled=false}
 * turns mailing off.
 */
@AutoConfiguration(after = MailSenderAutoConfiguration.class)
@ConditionalOnProperty(name = "axle.billing.mail.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(InvoiceMailProperties.class)
public class MailAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    InvoiceMailComposer invoiceMailComposer(InvoiceMailProperties properties) {
        return new InvoiceMailComposer(properties.getFrom(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    MailDelivery invoiceMailDelivery(InvoiceMailProperties properties, ObjectProvider<JavaMailSender> sender,
                                     Environment environment) {
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp != null) {
            log.info("Invoices are e-mailed over SMTP ({}:{})", environment.getProperty("spring.mail.host", "?"),
                    environment.getProperty("spring.mail.port", "25"));
            return new SmtpDelivery(smtp);
        }
        Path outbox = properties.getOutboxDir() != null ? properties.getOutboxDir()
                : Path.of(environment.getProperty("axle.data-dir", "data"), "outbox");
        OutboxDelivery delivery = new OutboxDelivery(outbox);
        log.info("Invoices are written as .eml files to {} (no spring.mail.host set, so no SMTP server)",
                delivery.directory());
        return delivery;
    }

    @Bean
    InvoiceMailer invoiceMailer(DocumentStore documents, InvoiceMailComposer composer, MailDelivery delivery,
                                CommandGateway commandGateway, ObjectProvider<MeterRegistry> meters) {
        return new InvoiceMailer(documents, composer, delivery, commandGateway,
                meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    /** Shares the mailer's processor: payment reminders are retried and dead-lettered as issued documents are. */
    @Bean
    PaymentReminderMailer paymentReminderMailer(InvoiceMailComposer composer, MailDelivery delivery,
                                                CommandGateway commandGateway) {
        return new PaymentReminderMailer(composer, delivery, commandGateway);
    }

    /** The processor's settings; token claim interval and event availability timeout are every Axle processor's. */
    @Bean
    ConfigurerModule invoiceMailProcessing(
            @Value("${axle.processors.token-claim-interval:1s}") Duration claimInterval,
            @Value("${axle.processors.event-availability-timeout:1s}") Duration availabilityTimeout) {
        return processing(claimInterval, availabilityTimeout);
    }

    /** Propagate (dead-letter or retry) instead of skip, one event per transaction; the rest as every Axle processor. */
    static ConfigurerModule processing(Duration claimInterval, Duration availabilityTimeout) {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(InvoiceMailer.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance())
                .registerTrackingEventProcessorConfiguration(InvoiceMailer.PROCESSING_GROUP,
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(1)
                                .andTokenClaimInterval(claimInterval.toMillis(), TimeUnit.MILLISECONDS)
                                .andEventAvailabilityTimeout(availabilityTimeout.toMillis(), TimeUnit.MILLISECONDS));
    }
}
