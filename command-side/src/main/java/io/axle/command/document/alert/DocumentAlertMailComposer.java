package io.axle.command.document.alert;

import io.axle.api.document.DocumentAlertRaisedEvent;
import io.axle.api.document.DocumentField;
import io.axle.billing.mail.DocumentMimeMessage;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Composes the plain-text mail of a raised alert: subject {@code [Axle] <severity>: <message>}, then the document's
 * title and type, the fields the rule looks at (all of them when it looks at none), and a link to the document in
 * the UI. Its Message-ID is made of the rule, the document and the sender's domain, so that the same alert sent again
 * (a retry after a lost acknowledgement) carries the same one and mail clients show it once.
 */
public final class DocumentAlertMailComposer {

    private final InternetAddress from;
    private final String publicUrl;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    /** {@code from} may carry a name ({@code Axle <axle@example.com>}); {@code publicUrl} is the UI's address. */
    public DocumentAlertMailComposer(String from, String publicUrl, Clock clock) {
        try {
            this.from = new InternetAddress(from, true);
            this.from.validate();
        } catch (AddressException e) {
            throw new IllegalStateException("The sender of document alert mails '" + from + "' is not a mail address"
                    + " (axle.documents.alerts.from): " + e.getMessage(), e);
        }
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.clock = clock;
    }

    /** The mail of {@code alert} on {@code document}, found by {@code rule} (null when no longer configured). */
    public MimeMessage compose(DocumentAlertRaisedEvent alert, AlertedDocument document, AlertRule rule,
                               List<InternetAddress> recipients) {
        try {
            MimeMessage mail = new DocumentMimeMessage(session, messageId(alert));
            mail.setFrom(from);
            mail.setRecipients(Message.RecipientType.TO, recipients.toArray(InternetAddress[]::new));
            mail.setSubject("[Axle] " + alert.severity() + ": " + alert.message(), StandardCharsets.UTF_8.name());
            mail.setText(body(alert, document, rule), StandardCharsets.UTF_8.name());
            mail.setSentDate(Date.from(clock.instant()));
            mail.setHeader("Auto-Submitted", "auto-generated");
            mail.saveChanges();
            return mail;
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot compose the mail of alert " + alert.rule() + " on document "
                    + alert.documentId() + ": " + e.getMessage(), e);
        }
    }

    /** The link to the document's page in the UI. */
    String link(String documentId) {
        return publicUrl + "/#/documents/" + documentId;
    }

    private String body(DocumentAlertRaisedEvent alert, AlertedDocument document, AlertRule rule) {
        StringBuilder body = new StringBuilder()
                .append(alert.message()).append("\n\n")
                .append("Severity: ").append(alert.severity()).append('\n')
                .append("Rule:     ").append(alert.rule()).append('\n')
                .append("Document: ").append(document.title()).append('\n')
                .append("Type:     ").append(document.type()).append('\n');
        List<DocumentField> shown = rule == null || rule.fieldsNamed().isEmpty() ? document.fields()
                : rule.fieldsNamed().stream().map(name -> AlertEvaluator.field(document.fields(), name))
                .filter(field -> field != null).toList();
        if (!shown.isEmpty()) {
            body.append("\nFields:\n");
            for (DocumentField field : shown) {
                body.append("  ").append(field.name()).append(": ").append(field.value())
                        .append(String.format(Locale.ROOT, "  (confidence %.2f", field.confidence()))
                        .append(field.page() > 0 ? ", page " + field.page() : "").append(')')
                        .append(field.note() == null || field.note().isBlank() ? "" : " — " + field.note())
                        .append('\n');
            }
        }
        return body.append("\nOpen the document: ").append(link(alert.documentId())).append("\n\n")
                .append("Raised at ").append(alert.raisedAt()).append(" by the document alert rules of Axle")
                .append(" (axle.documents.alerts).\n").toString();
    }

    /** {@code <alert.rule.document@domain>}: the same for every delivery of one alert. */
    private String messageId(DocumentAlertRaisedEvent alert) {
        String address = from.getAddress();
        return "<alert." + atom(alert.rule()) + "." + atom(alert.documentId()) + "@"
                + address.substring(address.indexOf('@') + 1) + ">";
    }

    private static String atom(String value) {
        return value.replaceAll("[^A-Za-z0-9_-]", "-");
    }
}
