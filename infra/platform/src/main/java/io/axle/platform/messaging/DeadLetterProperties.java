package io.axle.platform.messaging;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code axle.dead-letters.*}: which processing groups put a failed event in a dead-letter queue instead of retrying
 * it in place, and how often those queues are tried again.
 *
 * @param processingGroups the processing groups with a dead-letter queue
 * @param retryInterval    pause between two automatic retry rounds
 * @param maxPerRound      at most this many sequences tried per group and round
 */
@ConfigurationProperties("axle.dead-letters")
public record DeadLetterProperties(List<String> processingGroups, Duration retryInterval, int maxPerRound) {

    public DeadLetterProperties {
        processingGroups = processingGroups == null ? List.of("invoice-issuing", "invoice-mail")
                : List.copyOf(processingGroups);
        retryInterval = retryInterval == null ? Duration.ofSeconds(30) : retryInterval;
        maxPerRound = maxPerRound <= 0 ? 100 : maxPerRound;
    }
}
