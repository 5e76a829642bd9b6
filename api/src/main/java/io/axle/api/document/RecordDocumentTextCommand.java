package io.axle.api.document;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that every page of the document was read in run {@code run} (a {@link DocumentTextExtractedEvent}); each page
 * must have been recorded before. Records nothing when that run's text is already recorded, or the run is over or
 * superseded.
 */
public record RecordDocumentTextCommand(@TargetAggregateIdentifier String documentId, int run, int pages,
                                        int ocrPages, long characters, double meanConfidence) {
}
