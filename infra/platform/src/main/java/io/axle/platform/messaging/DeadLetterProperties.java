package io.axle.platform.messaging;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code axle.dead-letters.*}: every event-handling processing group puts an event its handlers cannot process in a
 * dead-letter queue, except the groups listed here; and how often those queues are tried again.
 *
 * @param excludedProcessingGroups groups without a dead-letter queue: subscribing processors that only keep metrics in
 *                                 memory (a failure there loses a metric, not data, and must not slow the command that
 *                                 published the event)
 * @param retryInterval            pause between two automatic retry rounds
 * @param maxPerRound              at most this many sequences tried per group and round
 */
@ConfigurationProperties("axle.dead-letters")
public record DeadLetterProperties(List<String> excludedProcessingGroups, Duration retryInterval, int maxPerRound) {

    public DeadLetterProperties {
        excludedProcessingGroups = excludedProcessingGroups == null ? List.of() : List.copyOf(excludedProcessingGroups);
        retryInterval = retryInterval == null ? Duration.ofSeconds(30) : retryInterval;
        maxPerRound = maxPerRound <= 0 ? 100 : maxPerRound;
    }

    /** Whether {@code processingGroup} gets a dead-letter queue. */
    public boolean deadLetters(String processingGroup) {
        return !excludedProcessingGroups.contains(processingGroup);
    }
}
