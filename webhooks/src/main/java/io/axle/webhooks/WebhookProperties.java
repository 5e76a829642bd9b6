package io.axle.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code axle.webhooks}: whether URLs may point at private addresses (true only on the embedded default,
 * where test receivers listen on loopback), and how deliveries are sent and retried.
 */
@ConfigurationProperties("axle.webhooks")
public class WebhookProperties {

    /** Whether a webhook may point at loopback, private or link-local addresses; production refuses them. */
    private boolean allowPrivateAddresses = false;
    /** Attempts before a delivery is dead; an administrator's retry grants as many again. */
    private int maxAttempts = 8;
    /** Pause after the first failed attempt; it doubles after each further one, with up to half again of jitter. */
    private Duration initialBackoff = Duration.ofSeconds(10);
    /** Longest pause between two attempts. */
    private Duration maxBackoff = Duration.ofHours(1);
    /** How long a receiver has to connect and answer. */
    private Duration timeout = Duration.ofSeconds(10);
    /** How often pending deliveries are looked for. */
    private Duration pollInterval = Duration.ofSeconds(1);

    public boolean isAllowPrivateAddresses() {
        return allowPrivateAddresses;
    }

    public void setAllowPrivateAddresses(boolean allowPrivateAddresses) {
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }
}
