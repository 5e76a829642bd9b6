package io.axle.billing.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MIME message whose Message-ID is fixed in advance rather than generated when it is saved, so that every delivery of
 * the same document carries the same one and a second delivery is recognisable as such.
 */
public final class DocumentMimeMessage extends MimeMessage {

    private final String messageId;

    public DocumentMimeMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
