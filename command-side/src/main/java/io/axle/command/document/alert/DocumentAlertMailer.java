package io.axle.command.document.alert;

import io.axle.api.document.DocumentAlertRaisedEvent;
import io.axle.billing.mail.MailDelivery;
import io.axle.billing.mail.RecipientRejectedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Mails each raised alert to its rule's recipients (and {@code axle.documents.alerts.recipients}) through billing's
 * mail delivery: the SMTP server of {@code spring.mail.*}, or the outbox folder without one. It runs in its own
 * tracking processor, {@value #PROCESSING_GROUP}, one event per transaction: a failed delivery is thrown, so the event
 * waits in the group's dead-letter queue and is retried until the mail goes (never lost), and no other alert's mail is
 * sent again. A replay sends nothing: an alert is mailed when it is raised. A rule with no recipient, or one the mail
 * server refuses for good, is logged and not retried, since retrying would hold up the document's later alerts.
 */
@ProcessingGroup(DocumentAlertMailer.PROCESSING_GROUP)
@DisallowReplay
public class DocumentAlertMailer {

    public static final String PROCESSING_GROUP = "document-alert-mail";

    private static final Logger log = LoggerFactory.getLogger(DocumentAlertMailer.class);

    private final AlertedDocuments documents;
    private final AlertEvaluator evaluator;
    private final List<String> everyone;
    private final DocumentAlertMailComposer composer;
    private final MailDelivery delivery;

    /** {@code everyone} are the addresses told of rules that are no longer configured. */
    public DocumentAlertMailer(AlertedDocuments documents, AlertEvaluator evaluator, List<String> everyone,
                               DocumentAlertMailComposer composer, MailDelivery delivery) {
        this.documents = documents;
        this.evaluator = evaluator;
        this.everyone = List.copyOf(everyone);
        this.composer = composer;
        this.delivery = delivery;
    }

    @EventHandler
    void on(DocumentAlertRaisedEvent event, @SequenceNumber long sequence) {
        String what = "Alert " + event.rule() + " on document " + event.documentId();
        AlertRule rule = evaluator.rule(event.rule()).orElse(null);
        List<InternetAddress> recipients = addresses(rule == null ? everyone : rule.recipients());
        if (recipients.isEmpty()) {
            log.info("{} is not mailed: the rule has no recipients (axle.documents.alerts)", what);
            return;
        }
        AlertedDocument document = documents.asOf(event.documentId(), sequence).orElseThrow(() ->
                new IllegalStateException(what + " cannot be mailed: the document's upload is not in its stream"));
        MimeMessage mail = composer.compose(event, document, rule, recipients);
        try {
            delivery.deliver(mail, "alert-" + event.rule() + "-" + event.documentId());
        } catch (RecipientRejectedException e) {
            log.warn("{} was not mailed: {}. Correct the rule's recipients (axle.documents.alerts)", what,
                    e.getMessage());
            return;
        }
        log.info("{} mailed to {} ({})", what, recipients, delivery.channel());
    }

    private static List<InternetAddress> addresses(List<String> given) {
        List<InternetAddress> addresses = new ArrayList<>();
        for (String address : given) {
            try {
                addresses.add(new InternetAddress(address, true));
            } catch (AddressException e) {
                throw new IllegalStateException("'" + address + "' was checked at start-up but is no address", e);
            }
        }
        return addresses;
    }
}
