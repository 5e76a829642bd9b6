package io.axle.saga.flash;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import io.axle.api.flash.FlashStep;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the flash process, bound from {@code axle.flash.*}; docs/operations.md (ECU flashes) lists them.
 *
 * @param timeouts        how long each step may go unanswered before it times out ({@code axle.flash.timeouts.<step>},
 *                        e.g. {@code axle.flash.timeouts.transfer=15m}); a step not named keeps its default
 *                        ({@link #DEFAULT_TIMEOUTS})
 * @param stepAttempts    how often a step that timed out is sent in all before the job gives up on it (ERASE is never
 *                        sent twice); default 3
 * @param restoreAttempts how often the backup's restore is tried before the job FAILS; default 3
 * @param commandRetry    how long the process waits to see a command it sent take effect before sending it again,
 *                        doubled per attempt up to {@link #RETRY_MAX}; default 10 s
 * @param releaseRetry    first wait for the vehicle's release after the job ended, doubled per attempt up to
 *                        {@link #RETRY_MAX}; default 30 s
 * @param releaseAttempts releases sent before the process gives up and logs what to do; default 20
 */
@ConfigurationProperties("axle.flash")
public record FlashProperties(Map<FlashStep, Duration> timeouts, Integer stepAttempts, Integer restoreAttempts,
                              Duration commandRetry, Duration releaseRetry, Integer releaseAttempts) {

    /** The step timeouts used when none is configured. */
    public static final Map<FlashStep, Duration> DEFAULT_TIMEOUTS = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            FlashStep.DIAGNOSTIC_SESSION, Duration.ofSeconds(30),
            FlashStep.SECURITY_ACCESS, Duration.ofSeconds(30),
            FlashStep.BACKUP, Duration.ofMinutes(5),
            FlashStep.ERASE, Duration.ofMinutes(1),
            FlashStep.TRANSFER, Duration.ofMinutes(10),
            FlashStep.TRANSFER_EXIT, Duration.ofSeconds(30),
            FlashStep.VERIFY, Duration.ofMinutes(2),
            FlashStep.RESET, Duration.ofSeconds(30),
            FlashStep.RESTORE, Duration.ofMinutes(15))));
    public static final int DEFAULT_STEP_ATTEMPTS = 3;
    public static final int DEFAULT_RESTORE_ATTEMPTS = 3;
    public static final Duration DEFAULT_COMMAND_RETRY = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RELEASE_RETRY = Duration.ofSeconds(30);
    public static final int DEFAULT_RELEASE_ATTEMPTS = 20;
    /** Longest wait between two sends of the same command. */
    public static final Duration RETRY_MAX = Duration.ofMinutes(5);

    public FlashProperties {
        Map<FlashStep, Duration> merged = new EnumMap<>(DEFAULT_TIMEOUTS);
        if (timeouts != null) {
            timeouts.forEach((step, timeout) -> merged.put(step, positive("timeouts." + step, timeout)));
        }
        timeouts = Collections.unmodifiableMap(merged);
        stepAttempts = atLeastOne("step-attempts", stepAttempts, DEFAULT_STEP_ATTEMPTS);
        restoreAttempts = atLeastOne("restore-attempts", restoreAttempts, DEFAULT_RESTORE_ATTEMPTS);
        releaseAttempts = atLeastOne("release-attempts", releaseAttempts, DEFAULT_RELEASE_ATTEMPTS);
        commandRetry = commandRetry == null ? DEFAULT_COMMAND_RETRY : positive("command-retry", commandRetry);
        releaseRetry = releaseRetry == null ? DEFAULT_RELEASE_RETRY : positive("release-retry", releaseRetry);
    }

    /** The settings used when nothing is configured. */
    public static FlashProperties defaults() {
        return new FlashProperties(null, null, null, null, null, null);
    }

    /** How long {@code step} may go unanswered. */
    public Duration timeout(FlashStep step) {
        return timeouts.get(step);
    }

    private static Duration positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("axle.flash." + name + " must be positive, was " + value);
        }
        return value;
    }

    private static Integer atLeastOne(String name, Integer value, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (value < 1) {
            throw new IllegalArgumentException("axle.flash." + name + " must be at least 1, was " + value);
        }
        return value;
    }
}
