package io.axle.api.document;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that run {@code run} failed at {@code step} ({@code text} or {@code understanding}) on page {@code page} (0
 * for the whole document), for {@code reason}, which says what to do. Records nothing for a run that is over or
 * superseded.
 */
public record RecordDocumentFailureCommand(@TargetAggregateIdentifier String documentId, int run, String step,
                                           int page, String reason) {
}
