package io.axle.billing.mail;

import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/** Sends mails through Spring's {@link JavaMailSender}, i.e. the SMTP server of {@code spring.mail.*}. */
public final class SmtpDelivery implements MailDelivery {

    private final JavaMailSender sender;

    public SmtpDelivery(JavaMailSender sender) {
        this.sender = sender;
    }

    @Override
    public String channel() {
        return "smtp";
    }

    @Override
    public void deliver(MimeMessage message, String number) {
        try {
            sender.send(message);
        } catch (MailSendException e) {
            for (Exception failure : e.getFailedMessages().values()) {
                if (failure instanceof SendFailedException refused && refused.getInvalidAddresses() != null
                        && refused.getInvalidAddresses().length > 0) {
                    throw new RecipientRejectedException("the SMTP server refused the recipient of " + number + ": "
                            + refused.getMessage(), e);
                }
            }
            throw e;
        }
    }
}
