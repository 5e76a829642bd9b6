package io.axle.command.invoice;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Spring wiring of the issuing process: its settings, the VAT table it reads, and its processor's set-up. */
class InvoiceIssuerWiringTest {

    /** With Boot's conversions, as the application has them ({@code 1s} to a Duration). */
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(ctx -> ctx.getBeanFactory()
                    .setConversionService(ApplicationConversionService.getSharedInstance()))
            .withUserConfiguration(InvoiceIssuingConfiguration.class);

    @Test
    void rateCategoriesAreBoundBySkuPrefixIgnoringCase() {
        context.withPropertyValues("axle.billing.rate-categories.BOOK-=SECOND_REDUCED",
                        "axle.billing.rate-categories[BOOK-KIDS.]=SUPER_REDUCED",
                        "axle.billing.rate-categories.labour=REDUCED")
                .run(ctx -> {
                    InvoiceIssuingProperties properties = ctx.getBean(InvoiceIssuingProperties.class);
                    assertThat(properties.rateCategoryOf("BOOK-REPAIR-206")).isEqualTo(RateCategory.SECOND_REDUCED);
                    assertThat(properties.rateCategoryOf("book-kids.3")).isEqualTo(RateCategory.SUPER_REDUCED);
                    assertThat(properties.rateCategoryOf("LABOUR-1H")).isEqualTo(RateCategory.REDUCED);
                    assertThat(properties.rateCategoryOf("BRK-PAD-01")).isEqualTo(RateCategory.STANDARD);
                });
    }

    @Test
    void withoutSettingsEveryLineIsStandardAndOneThreadIssues() {
        context.run(ctx -> {
            InvoiceIssuingProperties properties = ctx.getBean(InvoiceIssuingProperties.class);
            assertThat(properties.rateCategoryOf("BOOK-1")).isEqualTo(RateCategory.STANDARD);
            assertThat(properties.issuingThreads()).isEqualTo(1);
            assertThat(properties.issuingSegments()).isEqualTo(1);
            assertThat(ctx.getBean(VatRates.class).rate("FR", RateCategory.STANDARD).percent()).isEqualTo("20");
        });
    }

    @Test
    void aConfiguredVatTableReplacesTheBundledOne(@TempDir Path folder) throws IOException {
        Path table = Files.writeString(folder.resolve("vat.csv"),
                "country,category,rate,source\nFR,STANDARD,19.6,2013 table\n");

        context.withPropertyValues("axle.billing.vat-rates=" + table).run(ctx -> {
            InvoiceAmounts amounts = ctx.getBean(InvoiceCalculator.class).calculate(new InvoiceDraft(List.of(
                    new InvoiceLine("a", BigDecimal.ONE, new BigDecimal("100.00"), null, RateCategory.STANDARD)),
                    null, "FR", "FR", null, "EUR"));
            assertThat(amounts.totalTax()).isEqualTo("19.60");
        });
    }

    @Test
    void zeroThreadsIsRefusedAtStartUp() {
        context.withPropertyValues("axle.billing.issuing-threads=0")
                .run(ctx -> assertThat(ctx).hasFailed());
    }

    @Test
    void theProcessorPropagatesFailuresAndRunsTheConfiguredThreads() {
        context.withPropertyValues("axle.billing.issuing-threads=3").run(ctx -> {
            Configuration axon = DefaultConfigurer.defaultConfiguration()
                    .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                    .eventProcessing(processing -> processing.registerEventHandler(c -> new IssuingHandler()))
                    .buildConfiguration();
            Configuration configured = configured(ctx.getBean(ConfigurerModule.class));

            assertThat(configured.eventProcessingConfiguration()
                    .listenerInvocationErrorHandler(InvoiceIssuer.PROCESSING_GROUP))
                    .isInstanceOf(PropagatingErrorHandler.class);
            assertThat(configured.eventProcessingConfiguration()
                    .eventProcessorByProcessingGroup(InvoiceIssuer.PROCESSING_GROUP, TrackingEventProcessor.class))
                    .hasValueSatisfying(processor -> assertThat(processor.maxCapacity()).isEqualTo(3));
            assertThat(axon.eventProcessingConfiguration()
                    .listenerInvocationErrorHandler(InvoiceIssuer.PROCESSING_GROUP))
                    .isNotInstanceOf(PropagatingErrorHandler.class);
        });
    }

    private static Configuration configured(ConfigurerModule module) {
        DefaultConfigurer configurer = (DefaultConfigurer) DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .eventProcessing(processing -> processing.registerEventHandler(c -> new IssuingHandler()));
        module.configureModule(configurer);
        return configurer.buildConfiguration();
    }

    /** Stands in for the issuer: a handler of the issuing processing group. */
    @ProcessingGroup(InvoiceIssuer.PROCESSING_GROUP)
    static class IssuingHandler {

        @EventHandler
        void on(String event) {
        }
    }
}
