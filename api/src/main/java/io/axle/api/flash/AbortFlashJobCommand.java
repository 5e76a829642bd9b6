package io.axle.api.flash;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a job whose steps failed before anything was written (no erase sent): the ECU is untouched. */
public record AbortFlashJobCommand(@TargetAggregateIdentifier String flashJobId, String reason) {
}
