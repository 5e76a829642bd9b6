package io.axle.api.document;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operator sets the document's type (one of the configured types, checked by the sender); allowed once a run
 * ended with text (READY or NEEDS_VALIDATION). The fields are then read again for that type.
 */
public record CorrectDocumentTypeCommand(@TargetAggregateIdentifier String documentId, String type,
                                         String correctedBy) {
}
