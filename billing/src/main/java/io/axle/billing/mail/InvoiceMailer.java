package io.axle.billing.mail;

import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.CreditNoteIssuedEvent;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.RecordDocumentEmailedCommand;
import io.axle.billing.DocumentStore;
import io.axle.billing.RenderedDocument;
import io.axle.billing.StoredDocument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E-mails each issued invoice and credit note to its buyer with the signed PDF attached, then records the delivery on
 * the invoice ({@link RecordDocumentEmailedCommand}).
 *
 * <p>It runs in its own tracking processor, {@value #PROCESSING_GROUP}, so that a slow or absent mail server never
 * delays issuing. A PDF not yet in the store or a failed delivery is thrown, and the processor retries the event later
 * (see {@link MailAutoConfiguration}); a buyer without a usable address, or one the mail server refuses for good, is
 * logged and skipped, since retrying would block every later mail. A replay sends nothing: customers are mailed once,
 * when the document is issued. Counters: {@value #SENT} by channel, {@value #FAILED} by reason.
 */
@ProcessingGroup(InvoiceMailer.PROCESSING_GROUP)
@DisallowReplay
public class InvoiceMailer {

    public static final String PROCESSING_GROUP = "invoice-mail";
    static final String SENT = "invoice_mail_sent";
    static final String FAILED = "invoice_mail_failed";

    private static final Logger log = LoggerFactory.getLogger(InvoiceMailer.class);

    private final DocumentStore documents;
    private final InvoiceMailComposer composer;
    private final MailDelivery delivery;
    private final CommandGateway commands;
    private final MeterRegistry meters;
    private final Counter sent;

    public InvoiceMailer(DocumentStore documents, InvoiceMailComposer composer, MailDelivery delivery,
                         CommandGateway commands, MeterRegistry meters) {
        this.documents = documents;
        this.composer = composer;
        this.delivery = delivery;
        this.commands = commands;
        this.meters = meters;
        this.sent = Counter.builder(SENT).description("Invoices and credit notes e-mailed to customers")
                .tag("channel", delivery.channel()).register(meters);
        for (String reason : new String[] {"no-recipient", "pdf-missing", "pdf-mismatch", "compose", "rejected", "delivery"}) {
            failed(reason);
        }
    }

    @EventHandler
    void on(InvoiceIssuedEvent event) {
        mail(event.invoiceId(), event.invoiceId(), event.document(), event.pdfSha256());
    }

    @EventHandler
    void on(CreditNoteIssuedEvent event) {
        mail(event.invoiceId(), DocumentStore.creditNoteId(event.invoiceId(), event.creditNoteId()), event.document(),
                event.pdfSha256());
    }

    private void mail(String invoiceId, String documentId, BillingDocument document, String pdfSha256) {
        String what = describe(document, invoiceId);
        Optional<InternetAddress> recipient = recipient(document);
        if (recipient.isEmpty()) {
            failed("no-recipient").increment();
            log.warn("{} was not e-mailed: the buyer {} has no usable e-mail address ('{}'). Record the customer's"
                            + " e-mail address and send the PDF by hand (GET /api/v1/invoices/{}/pdf)", what,
                    document.buyer() == null ? "(none)" : document.buyer().name(),
                    document.buyer() == null ? "" : document.buyer().email(), invoiceId);
            return;
        }
        StoredDocument stored = documents.find(documentId).orElse(null);
        if (stored == null) {
            failed("pdf-missing").increment();
            throw new DocumentNotStoredException(documentId, document.number());
        }
        if (pdfSha256 != null) {
            String storedSha256 = RenderedDocument.sha256(stored.pdf());
            if (!pdfSha256.equalsIgnoreCase(storedSha256)) {
                failed("pdf-mismatch").increment();
                throw new IllegalStateException("The stored PDF of " + what + " is not the one issued (SHA-256 "
                        + storedSha256 + ", issued " + pdfSha256 + "); the mail is retried. Restore the document"
                        + " in the store (it renders again to the same bytes)");
            }
        }
        MimeMessage message;
        try {
            message = composer.compose(document, stored.pdf(), recipient.get());
        } catch (RuntimeException e) {
            failed("compose").increment();
            throw e;
        }
        String messageId = messageId(message);
        try {
            delivery.deliver(message, document.number());
        } catch (RecipientRejectedException e) {
            failed("rejected").increment();
            log.warn("{} was not e-mailed to {}: {}. Correct the customer's e-mail address and send the PDF by hand",
                    what, recipient.get().getAddress(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            failed("delivery").increment();
            throw e;
        }
        sent.increment();
        log.info("{} e-mailed to {} ({}, Message-ID {})", what, recipient.get().getAddress(), delivery.channel(),
                messageId);
        commands.sendAndWait(new RecordDocumentEmailedCommand(invoiceId, document.number(),
                recipient.get().getAddress(), delivery.channel(), messageId));
    }

    /** The buyer's address, when it is one a mail server would accept. */
    static Optional<InternetAddress> recipient(BillingDocument document) {
        if (document.buyer() == null || document.buyer().email() == null || document.buyer().email().isBlank()) {
            return Optional.empty();
        }
        try {
            InternetAddress address = new InternetAddress(document.buyer().email().strip(), true);
            address.validate();
            if (address.getAddress().indexOf('@') < 1) {
                return Optional.empty();
            }
            address.setPersonal(document.buyer().name(), StandardCharsets.UTF_8.name());
            return Optional.of(address);
        } catch (AddressException | UnsupportedEncodingException e) {
            return Optional.empty();
        }
    }

    private static String describe(BillingDocument document, String invoiceId) {
        return (document.kind() == DocumentKind.CREDIT_NOTE ? "Credit note " : "Invoice ") + document.number()
                + " (invoice " + invoiceId + ")";
    }

    static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Counter failed(String reason) {
        return Counter.builder(FAILED).description("Invoices and credit notes that could not be e-mailed, by reason")
                .tag("reason", reason).register(meters);
    }
}
