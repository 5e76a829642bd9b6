package io.axle.billing.mail;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code axle.billing.mail.*}: how issued documents are e-mailed. Whether they go over SMTP is Spring Boot's
 * {@code spring.mail.*} (set {@code spring.mail.host}); without it they are written to the outbox folder.
 */
@ConfigurationProperties("axle.billing.mail")
public class InvoiceMailProperties {

    /** Whether issued documents are e-mailed at all. */
    private boolean enabled = true;
    /** The From address ({@code Billing <billing@example.com>}); empty = the seller's e-mail on the document. */
    private String from;
    /** Where mails are written when no SMTP server is configured; empty = {@code ${axle.data-dir}/outbox}. */
    private Path outboxDir;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public Path getOutboxDir() {
        return outboxDir;
    }

    public void setOutboxDir(Path outboxDir) {
        this.outboxDir = outboxDir;
    }
}
