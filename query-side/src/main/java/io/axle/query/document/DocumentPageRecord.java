package io.axle.query.document;

import io.axle.api.document.DocumentPageText;
import org.springframework.data.annotation.Id;

/**
 * One page's text as stored in the {@value DocumentProjection#TEXTS} collection: the latest run's reading of page
 * {@code page} of document {@code documentId}, written by the event with document sequence {@code sequence}. A page
 * is a record of its own, so a document of any length stays far below MongoDB's 16 MB per record, and reading a page
 * writes that page only.
 */
record DocumentPageRecord(
        @Id String id,
        String documentId,
        int page,
        int run,
        String text,
        String method,
        double confidence,
        int rotation,
        double deskew,
        long sequence) {

    /** The identifier of page {@code page} of document {@code documentId}. */
    static String idOf(String documentId, int page) {
        return documentId + "#" + page;
    }

    DocumentPageText toView() {
        return new DocumentPageText(page, text, method, confidence, rotation, deskew);
    }
}
