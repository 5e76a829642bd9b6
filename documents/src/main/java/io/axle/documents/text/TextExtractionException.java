package io.axle.documents.text;

/**
 * A document or one of its pages could not be read. The message names the page (when there is one) and what to do;
 * a page is never answered empty instead.
 */
public class TextExtractionException extends RuntimeException {

    private final int page;

    TextExtractionException(String message, Throwable cause) {
        this(0, message, cause);
    }

    TextExtractionException(int page, String message, Throwable cause) {
        super(message, cause);
        this.page = page;
    }

    /** The 1-based page that failed, 0 when the document as a whole could not be opened. */
    public int page() {
        return page;
    }
}
