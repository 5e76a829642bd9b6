package io.axle.documents.understanding.fields;

/**
 * One field read from a document.
 *
 * @param name            the field's name, e.g. {@code totalInclTax}
 * @param value           the normalised value: ISO-8601 for dates, a plain decimal for amounts and rates, an
 *                        identifier without spaces, an ISO 4217 code for the currency
 * @param confidence      in [0, 1]; lower when the value fails its check, is ambiguous, or lies far from its label
 * @param page            the page it was read on, from 1
 * @param needsValidation whether the confidence is below the field's threshold, so an operator must confirm it
 * @param note            why the confidence is low (failed check, several candidates, no label), or empty
 */
public record ExtractedField(String name, String value, double confidence, int page, boolean needsValidation,
                             String note) {
}
