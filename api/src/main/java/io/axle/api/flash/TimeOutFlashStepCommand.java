package io.axle.api.flash;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The deadline of {@code step}'s {@code attempt} passed without an answer. Changes nothing when that attempt is no
 * longer the one awaited (its answer came meanwhile, or it was sent again).
 */
public record TimeOutFlashStepCommand(@TargetAggregateIdentifier String flashJobId, FlashStep step, int attempt) {
}
