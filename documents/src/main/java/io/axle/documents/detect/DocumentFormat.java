package io.axle.documents.detect;

/** The file formats the document pipeline reads, and {@link #UNSUPPORTED} for everything else. */
public enum DocumentFormat {
    PDF,
    JPEG,
    PNG,
    /** Possibly several pages, one per frame. */
    TIFF,
    UNSUPPORTED;

    static DocumentFormat of(String mediaType) {
        return switch (mediaType) {
            case "application/pdf" -> PDF;
            case "image/jpeg" -> JPEG;
            case "image/png" -> PNG;
            case "image/tiff" -> TIFF;
            default -> UNSUPPORTED;
        };
    }
}
