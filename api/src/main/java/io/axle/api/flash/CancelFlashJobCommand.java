package io.axle.api.flash;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels a job before its erase was sent; refused once erasing started or the job ended. */
public record CancelFlashJobCommand(@TargetAggregateIdentifier String flashJobId, String reason,
                                    String cancelledBy) {
}
