package io.axle.api.document;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Records the fields read again for the type {@code type} an operator gave the document in run {@code run}. Records
 * nothing unless the document's latest correction, still waiting for its fields, is to that type.
 */
public record RecordRetypedDocumentFieldsCommand(@TargetAggregateIdentifier String documentId, int run, String type,
                                                 List<DocumentField> fields, List<String> missingFields,
                                                 boolean needsValidation, List<String> reasons) {
}
