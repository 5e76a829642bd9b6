package io.axle.api.document;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records page {@code page} of {@code pages} as read in run {@code run} (a {@link DocumentPageReadEvent}). Recording a
 * page already recorded for that run, or a page of a run that is over or superseded, records nothing.
 */
public record RecordDocumentPageCommand(@TargetAggregateIdentifier String documentId, int run, int page, int pages,
                                        String text, String method, double confidence, int rotation,
                                        double deskew) {
}
