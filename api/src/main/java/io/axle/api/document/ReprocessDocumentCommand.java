package io.axle.api.document;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Runs the document's pipeline again with today's rules, as a new run; refused while a run is under way. */
public record ReprocessDocumentCommand(@TargetAggregateIdentifier String documentId, String requestedBy) {
}
