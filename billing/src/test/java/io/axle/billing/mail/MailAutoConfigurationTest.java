package io.axle.billing.mail;

import static io.axle.billing.mail.MailFixtures.INVOICE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.axle.billing.InMemoryDocumentStore;
import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.RecordDocumentEmailedCommand;
import io.axle.billing.mail.MailFixtures.RecordingCommandGateway;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.spring.config.MessageHandlerConfigurer;
import org.axonframework.spring.config.MessageHandlerLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the mail beans are wired from the properties: SMTP when spring.mail.host is set, the outbox otherwise. */
class MailAutoConfigurationTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

    @TempDir
    Path dataDir;

    /** With Boot's conversions, as the application has them ({@code 1s} to a Duration). */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(context -> context.getBeanFactory()
                    .setConversionService(ApplicationConversionService.getSharedInstance()))
            .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class, MailAutoConfiguration.class))
            .withUserConfiguration(Collaborators.class);

    @Test
    void withoutAnSmtpHostMailsGoToTheOutboxUnderTheDataFolder() {
        runner.withPropertyValues("axle.data-dir=" + dataDir).run(context -> {
            assertThat(context).hasSingleBean(InvoiceMailer.class);
            MailDelivery delivery = context.getBean(MailDelivery.class);
            assertThat(delivery).isInstanceOf(OutboxDelivery.class);
            assertThat(((OutboxDelivery) delivery).directory()).isEqualTo(dataDir.resolve("outbox").toAbsolutePath());
        });
    }

    @Test
    void theOutboxFolderCanBeChosen() {
        Path elsewhere = dataDir.resolve("mails/out");
        runner.withPropertyValues("axle.billing.mail.outbox-dir=" + elsewhere).run(context ->
                assertThat(((OutboxDelivery) context.getBean(MailDelivery.class)).directory()).isEqualTo(elsewhere));
    }

    @Test
    void withAnSmtpHostMailsAreSentThroughSpringsMailSender() throws Exception {
        runner.withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=" + SMTP.getSmtp().getPort(),
                        "axle.billing.mail.from=Axle Billing <billing@axle.example>")
                .run(context -> {
                    assertThat(context.getBean(MailDelivery.class)).isInstanceOf(SmtpDelivery.class);
                    byte[] pdf = MailFixtures.pdf("Facture");
                    BillingDocument invoice = MailFixtures.invoice("fr", "compta@dupont.example");
                    context.getBean(InMemoryDocumentStore.class).put(INVOICE_ID, invoice.number(), pdf);

                    context.getBean(InvoiceMailer.class).on(MailFixtures.issued(invoice, pdf));

                    assertThat(SMTP.waitForIncomingEmail(5_000, 1)).isTrue();
                    MimeMessage mail = SMTP.getReceivedMessages()[0];
                    assertThat(mail.getSubject()).isEqualTo("Facture INV-2026-000042 — Axle Demo SAS");
                    assertThat(mail.getFrom()[0].toString()).isEqualTo("Axle Billing <billing@axle.example>");
                    assertThat(context.getBean(RecordingCommandGateway.class).sent()).containsExactly(
                            new RecordDocumentEmailedCommand(INVOICE_ID, "INV-2026-000042", "compta@dupont.example",
                                    "smtp", "<INV-2026-000042.axle@axle.example>"));
                });
    }

    @Test
    void axonFindsTheMailerAsAnEventHandlerBeanAndGetsItsProcessorSettings() {
        runner.run(context -> {
            assertThat(MessageHandlerLookup.messageHandlerBeans(
                    MessageHandlerConfigurer.Type.EVENT.getMessageType(), context.getBeanFactory()))
                    .contains("invoiceMailer");
            assertThat(context.getBeanFactory().getType("invoiceMailer")).isEqualTo(InvoiceMailer.class);
            assertThat(context.getBeansOfType(ConfigurerModule.class)).containsKey("invoiceMailProcessing");
        });
    }

    @Test
    void mailingCanBeTurnedOff() {
        runner.withPropertyValues("axle.billing.mail.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(InvoiceMailer.class);
            assertThat(context).doesNotHaveBean(MailDelivery.class);
        });
    }

    @Test
    void aMalformedSenderStopsTheStart() {
        runner.withPropertyValues("axle.billing.mail.from=billing at axle").run(context ->
                assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("axle.billing.mail.from 'billing at axle' is not an e-mail address"));
    }

    /** What the application around the mailer provides: the document store and Axon's command gateway. */
    @Configuration(proxyBeanMethods = false)
    static class Collaborators {

        @Bean
        InMemoryDocumentStore documentStore() {
            return new InMemoryDocumentStore();
        }

        @Bean
        RecordingCommandGateway commandGateway() {
            return new RecordingCommandGateway();
        }
    }
}
