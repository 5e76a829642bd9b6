package io.axle.api.document;

/**
 * One page's text as last read: how ({@code text-layer} or {@code ocr}), with what mean word confidence, and the
 * rotation (quarter turns, degrees clockwise) and deskew (degrees) applied before reading.
 */
public record DocumentPageText(int page, String text, String method, double confidence, int rotation,
                               double deskew) {
}
