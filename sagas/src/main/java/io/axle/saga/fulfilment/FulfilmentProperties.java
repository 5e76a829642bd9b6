package io.axle.saga.fulfilment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the fulfilment saga, bound from {@code axle.fulfilment.*}.
 *
 * @param timeout how long an order may wait for its stock and credit reservations before it is rejected, and how
 *                long a compensating saga waits for answers still outstanding; {@code axle.fulfilment.timeout},
 *                default 30 s
 */
@ConfigurationProperties("axle.fulfilment")
public record FulfilmentProperties(Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public FulfilmentProperties {
        if (timeout == null) {
            timeout = DEFAULT_TIMEOUT;
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("axle.fulfilment.timeout must be positive, was " + timeout);
        }
    }

    /** The settings used when nothing is configured. */
    public static FulfilmentProperties defaults() {
        return new FulfilmentProperties(DEFAULT_TIMEOUT);
    }
}
