package io.axle.api.document;

import java.time.Instant;

/**
 * Every page of the document was read in pipeline run {@code run} (each page is a {@link DocumentPageReadEvent}
 * before this one): {@code pages} pages, {@code characters} characters in all, {@code ocrPages} of them by OCR, with
 * the mean confidence over the pages.
 */
public record DocumentTextExtractedEvent(String documentId, int run, int pages, int ocrPages, long characters,
                                         double meanConfidence, Instant extractedAt) {
}
