package io.axle.documents.text;

/**
 * The text of one page.
 *
 * @param number     1-based page (or TIFF frame) number
 * @param method     text layer or OCR
 * @param confidence Tesseract's mean word confidence, 0 to 1; 1 for a text layer
 * @param rotation   quarter turns applied before reading, in degrees clockwise (0, 90, 180 or 270)
 * @param deskew     the small correction applied after that, in degrees clockwise; 0 when none was needed
 */
public record PageText(int number, String text, ExtractionMethod method, double confidence, int rotation,
                       double deskew) {

    static PageText fromTextLayer(int number, String text) {
        return new PageText(number, text, ExtractionMethod.TEXT_LAYER, 1.0, 0, 0.0);
    }
}
