package io.axle.billing.mail;

import static io.axle.billing.mail.MailFixtures.INVOICE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.PaymentReminderDueEvent;
import io.axle.api.invoice.RecordPaymentReminderSentCommand;
import io.axle.billing.mail.MailFixtures.RecordingCommandGateway;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Payment reminders written to the outbox folder, in the invoice's language. */
class PaymentReminderMailerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-09T00:00:05Z"), ZoneOffset.UTC);
    private static final Instant DUE_AT = Instant.parse("2026-04-09T00:00:00Z");

    private final RecordingCommandGateway commands = new RecordingCommandGateway();

    @TempDir
    Path outbox;

    private PaymentReminderMailer mailer() {
        return new PaymentReminderMailer(new InvoiceMailComposer(null, CLOCK), new OutboxDelivery(outbox), commands);
    }

    private static PaymentReminderDueEvent due(BillingDocument invoice, int reminder) {
        return new PaymentReminderDueEvent(INVOICE_ID, reminder, new BigDecimal("234.56"), invoice, DUE_AT);
    }

    private MimeMessage written(String name) throws Exception {
        Path file = outbox.resolve(name);
        assertThat(file).isRegularFile();
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    @Test
    void aFrenchCustomerGetsAFrenchReminderOfWhatIsLeftAndItIsRecorded() throws Exception {
        mailer().on(due(MailFixtures.invoice("fr", "compta@dupont.example"), 2));

        MimeMessage mail = written("INV-2026-000042-reminder-2.eml");
        assertThat(mail.getSubject()).isEqualTo("Relance : facture INV-2026-000042 — Axle Demo SAS");
        assertThat(((InternetAddress) mail.getAllRecipients()[0]).getAddress()).isEqualTo("compta@dupont.example");
        assertThat(mail.getMessageID()).isEqualTo("<reminder-2.INV-2026-000042.axle@axle.example>");
        assertThat(mail.getContentType()).doesNotContain("application/pdf");
        String text = InvoiceMailerSmtpTest.text(mail, "text/plain");
        assertThat(text).contains("Reste à payer : 234,56").contains("échue le 1 avril 2026")
                .containsPattern("montant de la facture : 1.234,56");
        assertThat(commands.sent()).containsExactly(new RecordPaymentReminderSentCommand(INVOICE_ID, 2,
                "compta@dupont.example", "outbox", "<reminder-2.INV-2026-000042.axle@axle.example>"));
    }

    @Test
    void anEnglishCustomerGetsAnEnglishReminder() throws Exception {
        mailer().on(due(MailFixtures.invoice("en", "accounts@garage.example"), 1));

        MimeMessage mail = written("INV-2026-000042-reminder-1.eml");
        assertThat(mail.getSubject()).isEqualTo("Payment reminder: invoice INV-2026-000042 — Axle Demo SAS");
        assertThat(InvoiceMailerSmtpTest.text(mail, "text/html")).contains("Amount still due:")
                .contains("€234.56").contains("April 1, 2026");
    }

    @Test
    void aLanguageWithoutTemplatesGetsTheEnglishReminder() throws Exception {
        mailer().on(due(MailFixtures.invoice("de", "buchhaltung@werkstatt.example"), 1));

        assertThat(written("INV-2026-000042-reminder-1.eml").getSubject()).startsWith("Payment reminder:");
    }

    @Test
    void aBuyerWithoutAUsableAddressIsSkipped() throws Exception {
        mailer().on(due(MailFixtures.invoice("fr", "not an address"), 1));
        mailer().on(due(null, 1));

        assertThat(outbox).isEmptyDirectory();
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void sharesTheInvoiceMailProcessorAndReplaysNothing() {
        assertThat(PaymentReminderMailer.class.getAnnotation(ProcessingGroup.class).value())
                .isEqualTo(InvoiceMailer.PROCESSING_GROUP);
        assertThat(PaymentReminderMailer.class.getAnnotation(DisallowReplay.class)).isNotNull();
    }
}
