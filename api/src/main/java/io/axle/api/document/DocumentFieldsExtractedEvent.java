package io.axle.api.document;

import java.util.List;

/**
 * The fields read for the document's type in run {@code run}, each with its confidence, and the fields that type
 * requires that were not found.
 */
public record DocumentFieldsExtractedEvent(String documentId, int run, List<DocumentField> fields,
                                           List<String> missingFields) {
}
