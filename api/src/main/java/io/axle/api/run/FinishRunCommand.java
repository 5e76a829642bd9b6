package io.axle.api.run;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a running run as COMPLETED, by a user or because its duration is over ({@code reason} says which). */
public record FinishRunCommand(@TargetAggregateIdentifier String runId, String reason) {
}
