package io.axle.api.run;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a running run as FAILED, e.g. when its simulated sensors cannot reach the broker. */
public record FailRunCommand(@TargetAggregateIdentifier String runId, String reason) {
}
