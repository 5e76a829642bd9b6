package io.axle.saga.campaign;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the flash campaign process, bound from {@code axle.flash.campaign.*}; docs/operations.md (ECU flashes)
 * lists them.
 *
 * @param parallelStarts how many flash starts of one campaign may await their answer at once; the others wait in the
 *                       process's queue; default 20
 * @param retry          how long a vehicle that could not start for a passing reason (offline, battery, another
 *                       flash) waits before it is tried again; default 30 s
 * @param commandRetry   how long the process waits for a command it sent to be answered or seen recorded before it
 *                       sends it again, doubled per round up to {@link #RETRY_MAX}; default 10 s
 */
@ConfigurationProperties("axle.flash.campaign")
public record CampaignProperties(Integer parallelStarts, Duration retry, Duration commandRetry) {

    public static final int DEFAULT_PARALLEL_STARTS = 20;
    public static final Duration DEFAULT_RETRY = Duration.ofSeconds(30);
    public static final Duration DEFAULT_COMMAND_RETRY = Duration.ofSeconds(10);
    /** Longest wait between two sends of the same command. */
    public static final Duration RETRY_MAX = Duration.ofMinutes(5);

    public CampaignProperties {
        if (parallelStarts == null) {
            parallelStarts = DEFAULT_PARALLEL_STARTS;
        } else if (parallelStarts < 1) {
            throw new IllegalArgumentException("axle.flash.campaign.parallel-starts must be at least 1, was "
                    + parallelStarts);
        }
        retry = retry == null ? DEFAULT_RETRY : positive("retry", retry);
        commandRetry = commandRetry == null ? DEFAULT_COMMAND_RETRY : positive("command-retry", commandRetry);
    }

    /** The settings used when nothing is configured. */
    public static CampaignProperties defaults() {
        return new CampaignProperties(null, null, null);
    }

    private static Duration positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("axle.flash.campaign." + name + " must be positive, was " + value);
        }
        return value;
    }
}
