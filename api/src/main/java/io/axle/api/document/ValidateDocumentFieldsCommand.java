package io.axle.api.document;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * An operator validates the document's fields: {@code fields} are set (normalised and checked as the extractor does),
 * the fields named in {@code remove} are dropped, every other field held is confirmed as it is. Allowed once a run
 * ended with text (READY or NEEDS_VALIDATION); the document is READY afterwards.
 */
public record ValidateDocumentFieldsCommand(@TargetAggregateIdentifier String documentId, List<FieldValue> fields,
                                            List<String> remove, String validatedBy) {
}
