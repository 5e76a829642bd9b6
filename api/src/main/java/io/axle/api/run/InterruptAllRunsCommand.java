package io.axle.api.run;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks every run holding a slot to stop; answers the ids of those runs (a {@code List<String>}). */
public record InterruptAllRunsCommand(@TargetAggregateIdentifier String slotsId, String requestedBy) {
}
