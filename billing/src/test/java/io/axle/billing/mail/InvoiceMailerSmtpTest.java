package io.axle.billing.mail;

import static io.axle.billing.mail.MailFixtures.CREDIT_NOTE_ID;
import static io.axle.billing.mail.MailFixtures.INVOICE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.axle.billing.InMemoryDocumentStore;
import io.axle.billing.DocumentStore;
import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.PaymentReminderDueEvent;
import io.axle.api.invoice.RecordDocumentEmailedCommand;
import io.axle.api.invoice.RecordPaymentReminderSentCommand;
import io.axle.billing.mail.MailFixtures.RecordingCommandGateway;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The mailer wired with a real JavaMailSender, delivering to an in-process SMTP server that the test reads back. */
class InvoiceMailerSmtpTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

    private final InMemoryDocumentStore store = new InMemoryDocumentStore();
    private final RecordingCommandGateway commands = new RecordingCommandGateway();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    private InvoiceMailer mailer;

    @BeforeEach
    void mailerOverSmtp() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(SMTP.getSmtp().getPort());
        mailer = mailer(null, sender);
    }

    private InvoiceMailer mailer(String from, JavaMailSenderImpl sender) {
        return new InvoiceMailer(store, new InvoiceMailComposer(from, clock), new SmtpDelivery(sender), commands,
                meters);
    }

    @Test
    void aFrenchInvoiceArrivesWithItsPdfAndIsRecorded() throws Exception {
        byte[] pdf = MailFixtures.pdf("Facture INV-2026-000042");
        BillingDocument invoice = MailFixtures.invoice("fr", "compta@dupont.example");
        store.put(INVOICE_ID, invoice.number(), pdf);

        mailer.on(MailFixtures.issued(invoice, pdf));

        MimeMessage mail = single();
        assertThat(mail.getSubject()).isEqualTo("Facture INV-2026-000042 — Axle Demo SAS");
        assertThat(mail.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("compta@dupont.example");
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("billing@axle.example");
        assertThat(from.getPersonal()).isEqualTo("Axle Demo SAS");
        assertThat(mail.getMessageID()).isEqualTo("<INV-2026-000042.axle@axle.example>");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");

        BodyPart attachment = attachment(mail);
        assertThat(attachment.getFileName()).isEqualTo("INV-2026-000042.pdf");
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        assertThat(Part.ATTACHMENT).isEqualToIgnoringCase(attachment.getDisposition());
        try (InputStream in = attachment.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        String text = text(mail, "text/plain");
        assertThat(text).contains("Bonjour,", "la facture INV-2026-000042", "Montant à régler : 1\u202f234,56\u00a0€",
                "Échéance : 1 avril 2026", "Axle Demo SAS");
        assertThat(text).doesNotContain("{{", "avoir");
        assertThat(text(mail, "text/html")).contains("<strong>INV-2026-000042</strong>", "1\u202f234,56\u00a0€",
                "1 avril 2026", "lang=\"fr\"");

        assertThat(commands.sent()).containsExactly(new RecordDocumentEmailedCommand(INVOICE_ID, "INV-2026-000042",
                "compta@dupont.example", "smtp", "<INV-2026-000042.axle@axle.example>"));
        assertThat(meters.get(InvoiceMailer.SENT).tag("channel", "smtp").counter().count()).isEqualTo(1);
    }

    @Test
    void aPaymentReminderArrivesOverSmtpWithoutAttachmentAndIsRecorded() throws Exception {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(SMTP.getSmtp().getPort());
        PaymentReminderMailer reminders = new PaymentReminderMailer(new InvoiceMailComposer(null, clock),
                new SmtpDelivery(sender), commands);

        reminders.on(new PaymentReminderDueEvent(INVOICE_ID, 1, new BigDecimal("34.56"),
                MailFixtures.invoice("fr", "compta@dupont.example"), Instant.parse("2026-04-02T00:00:00Z")));

        MimeMessage mail = single();
        assertThat(mail.getSubject()).isEqualTo("Relance : facture INV-2026-000042 — Axle Demo SAS");
        assertThat(mail.getMessageID()).isEqualTo("<reminder-1.INV-2026-000042.axle@axle.example>");
        assertThat(text(mail, "text/plain")).contains("Reste à payer : 34,56\u00a0€");
        assertThat(commands.sent()).containsExactly(new RecordPaymentReminderSentCommand(INVOICE_ID, 1,
                "compta@dupont.example", "smtp", "<reminder-1.INV-2026-000042.axle@axle.example>"));
    }

    @Test
    void anEnglishCreditNoteArrivesWithItsPdfAndIsRecordedOnItsInvoice() throws Exception {
        byte[] pdf = MailFixtures.pdf("Credit note CN-2026-000007");
        BillingDocument creditNote = MailFixtures.creditNote("en", "accounts@dupont.example");
        store.put(DocumentStore.creditNoteId(INVOICE_ID, CREDIT_NOTE_ID), creditNote.number(), pdf);

        mailer.on(MailFixtures.creditNoteIssued(creditNote, pdf));

        MimeMessage mail = single();
        assertThat(mail.getSubject()).isEqualTo("Credit note CN-2026-000007 — Axle Demo SAS");
        BodyPart attachment = attachment(mail);
        assertThat(attachment.getFileName()).isEqualTo("CN-2026-000007.pdf");
        try (InputStream in = attachment.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        assertThat(text(mail, "text/plain")).contains("credit note CN-2026-000007", "corrects invoice INV-2026-000042",
                "Amount credited: €123.46", "Reason: Returned damaged").doesNotContain("Due date");
        assertThat(commands.sent()).containsExactly(new RecordDocumentEmailedCommand(INVOICE_ID, "CN-2026-000007",
                "accounts@dupont.example", "smtp", "<CN-2026-000007.axle@axle.example>"));
    }

    @Test
    void aLanguageWithoutTemplatesGetsTheEnglishMail() throws Exception {
        byte[] pdf = MailFixtures.pdf("Rechnung");
        BillingDocument invoice = MailFixtures.invoice("de", "buchhaltung@dupont.example");
        store.put(INVOICE_ID, invoice.number(), pdf);

        mailer.on(MailFixtures.issued(invoice, pdf));

        MimeMessage mail = single();
        assertThat(mail.getSubject()).isEqualTo("Invoice INV-2026-000042 — Axle Demo SAS");
        assertThat(text(mail, "text/plain")).contains("Amount due: €1,234.56", "Due date: April 1, 2026");
    }

    @Test
    void sendingTheSameDocumentAgainKeepsItsMessageId() throws Exception {
        byte[] pdf = MailFixtures.pdf("Facture INV-2026-000042");
        BillingDocument invoice = MailFixtures.invoice("fr", "compta@dupont.example");
        store.put(INVOICE_ID, invoice.number(), pdf);

        mailer.on(MailFixtures.issued(invoice, pdf));
        mailer.on(MailFixtures.issued(invoice, pdf));

        assertThat(SMTP.waitForIncomingEmail(5_000, 2)).isTrue();
        assertThat(SMTP.getReceivedMessages()).extracting(MimeMessage::getMessageID)
                .containsExactly("<INV-2026-000042.axle@axle.example>", "<INV-2026-000042.axle@axle.example>");
    }

    @Test
    void theConfiguredSenderReplacesTheSellersAddress() throws Exception {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(SMTP.getSmtp().getPort());
        byte[] pdf = MailFixtures.pdf("Facture");
        BillingDocument invoice = MailFixtures.invoice("fr", "compta@dupont.example");
        store.put(INVOICE_ID, invoice.number(), pdf);

        mailer("Axle Billing <no-reply@billing.axle.example>", sender).on(MailFixtures.issued(invoice, pdf));

        MimeMessage mail = single();
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("no-reply@billing.axle.example");
        assertThat(from.getPersonal()).isEqualTo("Axle Billing");
        assertThat(mail.getMessageID()).isEqualTo("<INV-2026-000042.axle@billing.axle.example>");
    }

    private MimeMessage single() {
        assertThat(SMTP.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    static BodyPart attachment(MimeMessage mail) throws Exception {
        List<BodyPart> attachments = new ArrayList<>();
        collect(mail.getContent(), attachments, true);
        assertThat(attachments).hasSize(1);
        return attachments.get(0);
    }

    static String text(MimeMessage mail, String type) throws Exception {
        List<BodyPart> parts = new ArrayList<>();
        collect(mail.getContent(), parts, false);
        for (BodyPart part : parts) {
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + type + " part in the mail");
    }

    private static void collect(Object content, List<BodyPart> into, boolean attachments)
            throws Exception {
        if (!(content instanceof Multipart multipart)) {
            return;
        }
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getContent() instanceof Multipart nested) {
                collect(nested, into, attachments);
            } else if (attachments == Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                into.add(part);
            }
        }
    }

    static byte[] bytes(BodyPart part) throws IOException, MessagingException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
