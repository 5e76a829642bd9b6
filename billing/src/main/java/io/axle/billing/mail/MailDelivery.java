package io.axle.billing.mail;

import jakarta.mail.internet.MimeMessage;

/** Where a composed mail goes: an SMTP server, or the outbox folder. */
public interface MailDelivery {

    /** The channel recorded with the delivery: {@code smtp} or {@code outbox}. */
    String channel();

    /**
     * Delivers {@code message}, the mail of document {@code number}. Delivering the same mail again is harmless: it
     * carries the same Message-ID. Throws {@link RecipientRejectedException} when the recipient is refused for good;
     * any other failure may be retried.
     */
    void deliver(MimeMessage message, String number);
}
