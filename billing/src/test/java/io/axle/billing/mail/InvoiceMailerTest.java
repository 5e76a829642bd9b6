package io.axle.billing.mail;

import static io.axle.billing.mail.MailFixtures.INVOICE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axle.billing.InMemoryDocumentStore;
import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.RecordDocumentEmailedCommand;
import io.axle.billing.document.Documents;
import io.axle.billing.mail.MailFixtures.RecordingCommandGateway;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The mailer writing to the outbox folder, and what it does when it cannot mail. */
@ExtendWith(OutputCaptureExtension.class)
class InvoiceMailerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

    private final InMemoryDocumentStore store = new InMemoryDocumentStore();
    private final RecordingCommandGateway commands = new RecordingCommandGateway();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @TempDir
    Path dataDir;

    private Path outbox() {
        return dataDir.resolve("outbox");
    }

    private InvoiceMailer outboxMailer() {
        return mailer(new OutboxDelivery(outbox()));
    }

    private InvoiceMailer mailer(MailDelivery delivery) {
        return new InvoiceMailer(store, new InvoiceMailComposer(null, CLOCK), delivery, commands, meters);
    }

    @Test
    void writesTheMailAsAnEmlFileThatParsesBackWithItsAttachment() throws Exception {
        byte[] pdf = MailFixtures.pdf("Facture INV-2026-000042");
        BillingDocument invoice = MailFixtures.invoice("fr", "compta@dupont.example");
        store.put(INVOICE_ID, invoice.number(), pdf);

        outboxMailer().on(MailFixtures.issued(invoice, pdf));

        Path file = outbox().resolve("INV-2026-000042.eml");
        assertThat(file).isRegularFile();
        try (Stream<Path> files = Files.list(outbox())) {
            assertThat(files).containsExactly(file);
        }
        MimeMessage mail;
        try (InputStream in = Files.newInputStream(file)) {
            mail = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(mail.getSubject()).isEqualTo("Facture INV-2026-000042 — Axle Demo SAS");
        assertThat(((InternetAddress) mail.getAllRecipients()[0]).getAddress()).isEqualTo("compta@dupont.example");
        assertThat(mail.getMessageID()).isEqualTo("<INV-2026-000042.axle@axle.example>");
        assertThat(mail.getSentDate()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        BodyPart attachment = InvoiceMailerSmtpTest.attachment(mail);
        assertThat(attachment.getFileName()).isEqualTo("INV-2026-000042.pdf");
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        assertThat(InvoiceMailerSmtpTest.bytes(attachment)).isEqualTo(pdf);
        assertThat(InvoiceMailerSmtpTest.text(mail, "text/plain")).contains("Montant à régler");

        assertThat(commands.sent()).containsExactly(new RecordDocumentEmailedCommand(INVOICE_ID, "INV-2026-000042",
                "compta@dupont.example", "outbox", "<INV-2026-000042.axle@axle.example>"));
        assertThat(meters.get(InvoiceMailer.SENT).tag("channel", "outbox").counter().count()).isEqualTo(1);
    }

    @Test
    void theMailNamesTheOrderByItsNumberWhenItHasOne() throws Exception {
        InvoiceMailComposer composer = new InvoiceMailComposer(null, CLOCK);
        InternetAddress to = new InternetAddress("compta@dupont.example");
        byte[] pdf = MailFixtures.pdf("Facture INV-2026-000042");

        MimeMessage french = composer.compose(Documents.forOrder(MailFixtures.invoice("fr", "compta@dupont.example"),
                "SO-2026-000042"), pdf, to);
        MimeMessage english = composer.compose(Documents.forOrder(MailFixtures.creditNote("en",
                "compta@dupont.example"), "SO-2026-000042"), pdf, to);
        MimeMessage unnumbered = composer.compose(MailFixtures.invoice("fr", "compta@dupont.example"), pdf, to);

        assertThat(InvoiceMailerSmtpTest.text(french, "text/plain"))
                .contains("la facture INV-2026-000042 de votre commande SO-2026-000042.");
        assertThat(InvoiceMailerSmtpTest.text(french, "text/html")).contains("de votre commande SO-2026-000042.");
        assertThat(InvoiceMailerSmtpTest.text(english, "text/plain"))
                .contains("which corrects invoice INV-2026-000042 of your order SO-2026-000042.");
        assertThat(InvoiceMailerSmtpTest.text(unnumbered, "text/plain"))
                .contains("la facture INV-2026-000042.").doesNotContain("commande");
    }

    @Test
    void aSecondDeliveryReplacesTheFileWithTheSameMessageId() throws Exception {
        byte[] pdf = MailFixtures.pdf("Facture");
        BillingDocument invoice = MailFixtures.invoice("fr", "compta@dupont.example");
        store.put(INVOICE_ID, invoice.number(), pdf);
        InvoiceMailer mailer = outboxMailer();

        mailer.on(MailFixtures.issued(invoice, pdf));
        byte[] first = Files.readAllBytes(outbox().resolve("INV-2026-000042.eml"));
        mailer.on(MailFixtures.issued(invoice, pdf));

        try (Stream<Path> files = Files.list(outbox())) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("INV-2026-000042.eml");
        }
        String second = Files.readString(outbox().resolve("INV-2026-000042.eml"));
        assertThat(second).contains("Message-ID: <INV-2026-000042.axle@axle.example>");
        assertThat(new String(first, StandardCharsets.US_ASCII))
                .contains("Message-ID: <INV-2026-000042.axle@axle.example>");
        assertThat(commands.sent()).hasSize(2);
    }

    @Test
    void aMissingPdfIsThrownSoThatTheEventIsRetried() {
        BillingDocument invoice = MailFixtures.invoice("fr", "compta@dupont.example");
        byte[] pdf = MailFixtures.pdf("Facture");

        assertThatThrownBy(() -> outboxMailer().on(MailFixtures.issued(invoice, pdf)))
                .isInstanceOf(DocumentNotStoredException.class)
                .hasMessageContaining("INV-2026-000042").hasMessageContaining(INVOICE_ID);

        assertThat(outbox()).doesNotExist();
        assertThat(commands.sent()).isEmpty();
        assertThat(meters.get(InvoiceMailer.FAILED).tag("reason", "pdf-missing").counter().count()).isEqualTo(1);
        assertThat(meters.get(InvoiceMailer.SENT).counter().count()).isZero();
    }

    @Test
    void aStoredPdfThatIsNotTheIssuedOneIsNotSent() {
        BillingDocument invoice = MailFixtures.invoice("fr", "compta@dupont.example");
        store.put(INVOICE_ID, invoice.number(), MailFixtures.pdf("another document"));

        assertThatThrownBy(() -> outboxMailer().on(MailFixtures.issued(invoice, MailFixtures.pdf("Facture"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not the one issued");

        assertThat(outbox()).doesNotExist();
        assertThat(commands.sent()).isEmpty();
        assertThat(meters.get(InvoiceMailer.FAILED).tag("reason", "pdf-mismatch").counter().count()).isEqualTo(1);
    }

    @ParameterizedTest(name = "buyer e-mail [{0}]")
    @NullSource
    @ValueSource(strings = {"", "   ", "not an address", "compta@", "@dupont.example"})
    void aBuyerWithoutAUsableAddressIsSkippedWithAWarningAndCounted(String email, CapturedOutput output) {
        BillingDocument invoice = MailFixtures.invoice("fr", email);
        byte[] pdf = MailFixtures.pdf("Facture");
        store.put(INVOICE_ID, invoice.number(), pdf);

        outboxMailer().on(MailFixtures.issued(invoice, pdf));

        assertThat(outbox()).doesNotExist();
        assertThat(commands.sent()).isEmpty();
        assertThat(meters.get(InvoiceMailer.FAILED).tag("reason", "no-recipient").counter().count()).isEqualTo(1);
        assertThat(output.getOut()).contains("WARN", "Invoice INV-2026-000042 (invoice " + INVOICE_ID + ") was not"
                + " e-mailed", "Garage Dupont & Fils", "has no usable e-mail address");
    }

    @Test
    void aRecipientTheServerRefusesForGoodIsSkippedNotRetried(CapturedOutput output) throws Exception {
        Address[] invalid = {new InternetAddress("compta@dupont.example")};
        JavaMailSenderImpl refusing = new JavaMailSenderImpl() {
            @Override
            public void send(MimeMessage message) {
                throw new MailSendException(Map.of(message, new SendFailedException("550 no such user", null,
                        new Address[0], new Address[0], invalid)));
            }
        };
        BillingDocument invoice = MailFixtures.invoice("fr", "compta@dupont.example");
        byte[] pdf = MailFixtures.pdf("Facture");
        store.put(INVOICE_ID, invoice.number(), pdf);

        mailer(new SmtpDelivery(refusing)).on(MailFixtures.issued(invoice, pdf));

        assertThat(commands.sent()).isEmpty();
        assertThat(meters.get(InvoiceMailer.FAILED).tag("reason", "rejected").counter().count()).isEqualTo(1);
        assertThat(output.getOut()).contains("WARN", "was not e-mailed to compta@dupont.example", "550 no such user");
    }

    @Test
    void aServerThatCannotBeReachedIsThrownSoThatTheEventIsRetried() {
        JavaMailSenderImpl unreachable = new JavaMailSenderImpl();
        unreachable.setHost("127.0.0.1");
        unreachable.setPort(1);
        BillingDocument invoice = MailFixtures.invoice("fr", "compta@dupont.example");
        byte[] pdf = MailFixtures.pdf("Facture");
        store.put(INVOICE_ID, invoice.number(), pdf);

        assertThatThrownBy(() -> mailer(new SmtpDelivery(unreachable)).on(MailFixtures.issued(invoice, pdf)))
                .isInstanceOf(MailException.class);

        assertThat(commands.sent()).isEmpty();
        assertThat(meters.get(InvoiceMailer.FAILED).tag("reason", "delivery").counter().count()).isEqualTo(1);
    }

    @Test
    void anOutboxThatCannotBeWrittenIsThrownSoThatTheEventIsRetried() throws Exception {
        Path notAFolder = Files.writeString(dataDir.resolve("outbox"), "a file where the folder should be");
        BillingDocument invoice = MailFixtures.invoice("fr", "compta@dupont.example");
        byte[] pdf = MailFixtures.pdf("Facture");
        store.put(INVOICE_ID, invoice.number(), pdf);

        assertThatThrownBy(() -> mailer(new OutboxDelivery(notAFolder)).on(MailFixtures.issued(invoice, pdf)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("axle.billing.mail.outbox-dir");

        assertThat(commands.sent()).isEmpty();
        assertThat(meters.get(InvoiceMailer.FAILED).tag("reason", "delivery").counter().count()).isEqualTo(1);
    }

    @Test
    void namesAreEscapedInTheHtmlBodyOnly() throws Exception {
        BillingDocument invoice = MailFixtures.creditNote("en", "compta@dupont.example");
        MimeMessage mail = new InvoiceMailComposer(null, CLOCK)
                .compose(invoice, MailFixtures.pdf("x"), new InternetAddress("compta@dupont.example"));

        MimeMessage copy = reparse(mail);
        assertThat(InvoiceMailerSmtpTest.text(copy, "text/plain")).contains("Reason: Returned damaged");
        BillingDocument tricky = new BillingDocument(invoice.kind(), invoice.number(), invoice.company(),
                invoice.templateId(), invoice.language(), invoice.seller(), invoice.buyer(), invoice.orderId(),
                invoice.currency(), invoice.accountingCurrency(), invoice.exchangeRate(), invoice.exchangeRateDate(),
                invoice.issuedAt(), invoice.dueDate(), invoice.lines(), invoice.linesNet(),
                invoice.globalDiscountPercent(), invoice.globalDiscount(), invoice.totalExclTax(), invoice.totalTax(),
                invoice.totalInclTax(), invoice.taxes(), invoice.totalTaxInAccountingCurrency(),
                invoice.reverseCharge(), invoice.legalMentions(), invoice.customFields(), invoice.correctedNumber(),
                "<b>broken</b> & returned", null);
        MimeMessage trickyMail = reparse(new InvoiceMailComposer(null, CLOCK)
                .compose(tricky, MailFixtures.pdf("x"), new InternetAddress("compta@dupont.example")));
        assertThat(InvoiceMailerSmtpTest.text(trickyMail, "text/plain")).contains("Reason: <b>broken</b> & returned");
        assertThat(InvoiceMailerSmtpTest.text(trickyMail, "text/html"))
                .contains("&lt;b&gt;broken&lt;/b&gt; &amp; returned").doesNotContain("<b>broken");
    }

    @Test
    void isATrackingHandlerOfItsOwnGroupThatReplaysNothing() {
        assertThat(InvoiceMailer.class.getAnnotation(ProcessingGroup.class).value()).isEqualTo("invoice-mail");
        assertThat(InvoiceMailer.class.getAnnotation(DisallowReplay.class)).isNotNull();
    }

    private static MimeMessage reparse(MimeMessage mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.writeTo(out);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
    }
}
