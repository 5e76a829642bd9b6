package io.axle.api.run;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives back the slot of a run that ended; releasing a slot that is not held changes nothing. */
public record ReleaseRunSlotCommand(@TargetAggregateIdentifier String slotsId, String runId) {
}
