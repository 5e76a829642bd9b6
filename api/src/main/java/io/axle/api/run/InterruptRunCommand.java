package io.axle.api.run;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops a running run as INTERRUPTED; a run that already ended is left as it is. */
public record InterruptRunCommand(@TargetAggregateIdentifier String runId, String reason) {
}
