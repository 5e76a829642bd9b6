package io.axle.api.flash;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a job whose restore failed for good: the ECU's image is unknown and needs a technician. */
public record FailFlashJobCommand(@TargetAggregateIdentifier String flashJobId, String reason) {
}
