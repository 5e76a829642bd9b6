package io.axle.billing.mail;

import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.PaymentReminderDueEvent;
import io.axle.api.invoice.RecordPaymentReminderSentCommand;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails each payment reminder the Invoice aggregate makes due to the invoice's buyer, then records it on the invoice
 * ({@link RecordPaymentReminderSentCommand}). It shares the processor of {@link InvoiceMailer}, and so its retries and
 * dead letters; like it, a replay sends nothing. A buyer without a usable address, or one the mail server refuses for
 * good, is logged and skipped.
 */
@ProcessingGroup(InvoiceMailer.PROCESSING_GROUP)
@DisallowReplay
public class PaymentReminderMailer {

    private static final Logger log = LoggerFactory.getLogger(PaymentReminderMailer.class);

    private final InvoiceMailComposer composer;
    private final MailDelivery delivery;
    private final CommandGateway commands;

    public PaymentReminderMailer(InvoiceMailComposer composer, MailDelivery delivery, CommandGateway commands) {
        this.composer = composer;
        this.delivery = delivery;
        this.commands = commands;
    }

    @EventHandler
    void on(PaymentReminderDueEvent event) {
        BillingDocument invoice = event.invoice();
        String what = "Payment reminder " + event.reminder() + " of invoice " + event.invoiceId();
        if (invoice == null) {
            log.warn("{} was not e-mailed: the invoice's document is not known to the reminder", what);
            return;
        }
        Optional<InternetAddress> recipient = InvoiceMailer.recipient(invoice);
        if (recipient.isEmpty()) {
            log.warn("{} ({}) was not e-mailed: the buyer has no usable e-mail address", what, invoice.number());
            return;
        }
        MimeMessage message = composer.composeReminder(invoice, event.reminder(), event.balance(), recipient.get());
        try {
            delivery.deliver(message, invoice.number() + "-reminder-" + event.reminder());
        } catch (RecipientRejectedException e) {
            log.warn("{} ({}) was not e-mailed to {}: {}", what, invoice.number(), recipient.get().getAddress(),
                    e.getMessage());
            return;
        }
        String messageId = InvoiceMailer.messageId(message);
        log.info("{} ({}) e-mailed to {} ({}, Message-ID {})", what, invoice.number(), recipient.get().getAddress(),
                delivery.channel(), messageId);
        commands.sendAndWait(new RecordPaymentReminderSentCommand(event.invoiceId(), event.reminder(),
                recipient.get().getAddress(), delivery.channel(), messageId));
    }
}
