package io.axle.api.document;

import java.util.List;

/**
 * A document's text page by page, each page as its latest run read it; {@code run} is the latest run any page comes
 * from (during a reprocess, the pages not yet read again are the previous run's).
 */
public record DocumentText(String documentId, int run, List<DocumentPageText> pages) {
}
