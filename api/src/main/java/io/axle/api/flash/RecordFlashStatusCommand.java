package io.axle.api.flash;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * What the dongle {@code dongleId} answered about {@code step} (from {@code axle/dongles/{dongleId}/flash/status}).
 * {@code checksum} is the backup's (BACKUP), the one read back (VERIFY, RESTORE); {@code version} the installed
 * version read (BACKUP); {@code progressPct} the transfer's progress; {@code reason} why it failed. An answer about a
 * step that is not the current one, or a repeat of one already recorded, changes nothing; a dongle that is not the
 * job's is refused.
 */
public record RecordFlashStatusCommand(@TargetAggregateIdentifier String flashJobId, String dongleId, FlashStep step,
                                       int attempt, FlashOutcome outcome, Integer progressPct, String checksum,
                                       String version, String reason, Instant reportedAt) {
}
