package io.axle.api.flash;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the dongle for {@code step}, the {@code attempt}-th time (from 1). The job accepts the next step after the last
 * confirmed one, the current step again (a resend after a timeout, attempt one higher), and {@link FlashStep#RESTORE}
 * once the backup is confirmed; {@link FlashStep#ERASE} is never sent twice.
 */
public record RequestFlashStepCommand(@TargetAggregateIdentifier String flashJobId, FlashStep step, int attempt) {
}
