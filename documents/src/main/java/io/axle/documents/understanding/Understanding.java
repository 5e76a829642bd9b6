package io.axle.documents.understanding;

import java.util.List;

import io.axle.documents.understanding.classification.TypeDecision;
import io.axle.documents.understanding.fields.ExtractedField;
import io.axle.documents.understanding.language.LanguageGuess;

/**
 * What was understood of a document.
 *
 * @param language        its language and the model's confidence
 * @param type            its type, the confidence and what decided it
 * @param fields          the fields found for that type, each with its confidence and page
 * @param missingFields   fields the type requires that were not found
 * @param needsValidation whether an operator must look: a field or the type below its threshold, or a required
 *                        field missing
 */
public record Understanding(LanguageGuess language, TypeDecision type, List<ExtractedField> fields,
                            List<String> missingFields, boolean needsValidation) {
}
