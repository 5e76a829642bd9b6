package io.axle.documents.text;

import java.nio.file.Path;

/**
 * How Tesseract is run.
 *
 * @param dataPath  the tessdata folder (Debian: {@code /usr/share/tesseract-ocr/5/tessdata}); it must also hold
 *                  {@code osd.traineddata} for orientation detection
 * @param languages Tesseract's language list, for instance {@code eng+fra+deu}
 * @param engines   how many pages are read at once, each by its own engine on its own thread
 */
public record OcrSettings(Path dataPath, String languages, int engines) {

    public static final Path DEBIAN_TESSDATA = Path.of("/usr/share/tesseract-ocr/5/tessdata");

    public OcrSettings {
        if (engines < 1) {
            throw new IllegalArgumentException("engines must be at least 1, was " + engines);
        }
    }

    /** English, French and German from Debian's tessdata, one engine per core. */
    public static OcrSettings defaults() {
        return new OcrSettings(DEBIAN_TESSDATA, "eng+fra+deu", Runtime.getRuntime().availableProcessors());
    }

    public OcrSettings withEngines(int count) {
        return new OcrSettings(dataPath, languages, count);
    }
}
