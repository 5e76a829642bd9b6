package io.axle.api.document;

/**
 * One field read from a document, as recorded.
 *
 * @param name            e.g. {@code invoiceNumber}, {@code totalInclTax}, {@code iban}
 * @param value           normalised: ISO-8601 dates, plain decimals for amounts and rates, identifiers without spaces,
 *                        ISO 4217 currency codes
 * @param confidence      in [0, 1]; 1 for a value an operator gave or confirmed
 * @param page            the page it was read on, from 1; 0 when an operator gave it
 * @param needsValidation whether the confidence is below the field's threshold
 * @param note            why the confidence is low, or who gave the value; empty otherwise
 */
public record DocumentField(String name, String value, double confidence, int page, boolean needsValidation,
                            String note) {
}
