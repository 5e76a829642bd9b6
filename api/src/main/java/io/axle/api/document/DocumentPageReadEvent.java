package io.axle.api.document;

/**
 * Page {@code page} of {@code pages} of the document was read in pipeline run {@code run}.
 *
 * @param text       the page's text
 * @param method     {@code text-layer} (the PDF's own text) or {@code ocr}
 * @param confidence the mean word confidence, 0 to 1; 1 for a text layer
 * @param rotation   quarter turns applied before reading, degrees clockwise (0, 90, 180, 270)
 * @param deskew     the small correction applied after that, degrees clockwise
 */
public record DocumentPageReadEvent(String documentId, int run, int page, int pages, String text, String method,
                                    double confidence, int rotation, double deskew) {
}
