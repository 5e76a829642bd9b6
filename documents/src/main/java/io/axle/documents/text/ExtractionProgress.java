package io.axle.documents.text;

/** Told after each page is read, in page order, on the thread that called the extractor. */
@FunctionalInterface
public interface ExtractionProgress {

    ExtractionProgress NONE = (page, pages) -> {
    };

    void pageDone(int page, int pages);

    /** Told with the page itself, for callers that record each page as soon as it is read; tells {@link #pageDone}. */
    default void pageRead(PageText page, int pages) {
        pageDone(page.number(), pages);
    }
}
