package io.axle.documents.text;

/** How a page's text was obtained. */
public enum ExtractionMethod {
    TEXT_LAYER("text-layer"),
    OCR("ocr");

    private final String label;

    ExtractionMethod(String label) {
        this.label = label;
    }

    /** The name recorded in events and shown to users. */
    public String label() {
        return label;
    }
}
