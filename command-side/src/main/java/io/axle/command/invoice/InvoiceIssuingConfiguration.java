package io.axle.command.invoice;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Wires the issuing process: the VAT table and calculator, and the {@value InvoiceIssuer#PROCESSING_GROUP} tracking
 * processor. A failure in that processor is propagated, never logged and skipped (Axon's default): skipping would leave
 * an invoice requested forever, or worse, a number taken and never issued. The platform gives the group a dead-letter
 * queue, as it does every event-handling group (io.axle.platform.messaging.DeadLetters): the failed event waits
 * there, with the later events of the same invoice behind it, while other invoices are issued, and it is retried until
 * it succeeds, with the same number and the same bytes. Without that queue (or when storing the letter fails) the
 * processor itself retries the event, waiting longer each time up to a minute. The processor handles one event per
 * transaction, so a failing invoice never makes others be redone.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InvoiceIssuingProperties.class)
public class InvoiceIssuingConfiguration {

    @Bean
    VatRates vatRates(InvoiceIssuingProperties properties) {
        if (properties.vatRates() == null) {
            return VatRates.bundled();
        }
        try (Reader reader = Files.newBufferedReader(properties.vatRates(), StandardCharsets.UTF_8)) {
            return VatRates.read(reader, properties.vatRates().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("axle.billing.vat-rates names " + properties.vatRates()
                    + ", which cannot be read", e);
        }
    }

    @Bean
    InvoiceCalculator invoiceCalculator(VatRates vatRates) {
        return new InvoiceCalculator(vatRates);
    }

    @Bean
    ConfigurerModule invoiceIssuingProcessor(InvoiceIssuingProperties properties,
            @Value("${axle.processors.token-claim-interval:1s}") Duration claimInterval,
            @Value("${axle.processors.event-availability-timeout:1s}") Duration availability) {
        return configurer -> configure(configurer.eventProcessing(), properties.issuingThreads(),
                properties.issuingSegments(), claimInterval, availability);
    }

    /**
     * Configures the issuing processor: failures propagated (dead-lettered or retried), {@code threads} threads on
     * this node, {@code segments} segments when the processor's tokens are first created, one event per batch.
     * Settings under {@code axon.eventhandling.processors.invoice-issuing} still win.
     */
    public static EventProcessingConfigurer configure(EventProcessingConfigurer processing, int threads, int segments,
                                                      Duration claimInterval, Duration availability) {
        return processing
                .registerListenerInvocationErrorHandler(InvoiceIssuer.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerTrackingEventProcessorConfiguration(InvoiceIssuer.PROCESSING_GROUP,
                        c -> TrackingEventProcessorConfiguration.forParallelProcessing(threads)
                                .andInitialSegmentsCount(segments)
                                .andBatchSize(1)
                                .andTokenClaimInterval(claimInterval.toMillis(), TimeUnit.MILLISECONDS)
                                .andEventAvailabilityTimeout(availability.toMillis(), TimeUnit.MILLISECONDS));
    }
}
