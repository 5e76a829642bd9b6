package io.axle.api.document;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Records what was understood of the text of run {@code run}, at once: the language, the type (unless an operator set
 * it: then {@code type} is ignored and no classification is recorded), the fields and whether an operator must
 * validate them, for the {@code reasons} given. {@code rerun} is set by a replay of the understanding with today's
 * rules: it may record again for a run that ended, where a redelivered command records nothing.
 *
 * @param typeSource {@code RULES}, {@code LEARNED}, {@code RULES_AND_LEARNED} or {@code NONE}
 */
public record RecordDocumentUnderstandingCommand(@TargetAggregateIdentifier String documentId, int run,
                                                 String language, double languageConfidence, String type,
                                                 double typeConfidence, String typeSource,
                                                 List<DocumentField> fields, List<String> missingFields,
                                                 boolean needsValidation, List<String> reasons, boolean rerun) {
}
