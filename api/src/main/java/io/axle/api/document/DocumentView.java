package io.axle.api.document;

import java.time.Instant;
import java.util.List;

/**
 * A document as the read API shows it: its original, where its pipeline stands and what the pipeline found.
 *
 * @param duplicateOf        the document whose bytes this one repeats; exact repeats never make a second document, so
 *                           it is null until near-duplicates are recognised
 * @param status             UPLOADED, REPROCESSING, READING, UNDERSTANDING, READY, NEEDS_VALIDATION or FAILED
 * @param language           ISO 639-1 code of the latest run, null before it is detected
 * @param languageConfidence the language model's confidence, null before the language is detected
 * @param pages              the page count of the latest run, 0 until its first page is read
 * @param pagesRead          pages of the latest run read so far
 * @param run                the latest pipeline run (1 = the upload's)
 * @param type               the latest type given, by the pipeline or an operator; null before classification
 * @param typeConfidence     its confidence in [0, 1] (1 for an operator's), null before classification
 * @param typeSource         what decided it: RULES, LEARNED, RULES_AND_LEARNED, NONE or OPERATOR
 * @param fields             the latest fields, extracted or validated
 * @param missingFields      fields the type requires that the latest extraction did not find
 * @param validationReasons  why the document waits in the validation queue; empty when it does not
 * @param failure            why the latest run failed, null unless FAILED
 * @param alerts             alerts raised on the document, oldest first
 * @param history            what happened to it, oldest first
 */
public record DocumentView(String documentId, String title, String fileName, String mediaType, long size,
                           String sha256, String status, String duplicateOf, String language,
                           Double languageConfidence, int pages, int pagesRead, int run, String type,
                           Double typeConfidence, String typeSource, List<DocumentField> fields,
                           List<String> missingFields, List<String> validationReasons, DocumentFailure failure,
                           List<DocumentAlert> alerts, List<String> tags, String uploadedBy, Instant uploadedAt,
                           List<DocumentHistoryEntry> history) {
}
