package io.axle.documents.text;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessOcrEngineMode;
import net.sourceforge.tess4j.ITessAPI.TessPageSegMode;
import net.sourceforge.tess4j.TessAPI;
import net.sourceforge.tess4j.util.ImageIOHelper;

/**
 * One native Tesseract engine, plus a second one loaded with the orientation data. Not thread-safe: each OCR worker
 * thread owns one. Images are handed over as raw 8-bit grey bytes, which keeps Lept4J (and its need for Leptonica
 * 1.83, newer than Debian bookworm's) out of the way.
 */
final class TesseractEngine implements AutoCloseable {

    /** The interface binding, resolved per call: TessAPI1 binds every symbol up front and fails on Debian's 5.3.0. */
    private static final TessAPI API = TessAPI.INSTANCE;

    /** Below this OSD confidence the page is read as it is: OSD guesses on pages with little text. */
    private static final float MIN_ORIENTATION_CONFIDENCE = 1.5f;

    private final TessBaseAPI reader;
    private final TessBaseAPI orientation;

    TesseractEngine(OcrSettings settings) {
        reader = open(settings, settings.languages(), TessOcrEngineMode.OEM_DEFAULT, TessPageSegMode.PSM_AUTO);
        orientation = open(settings, "osd", TessOcrEngineMode.OEM_TESSERACT_ONLY, TessPageSegMode.PSM_OSD_ONLY);
    }

    private static TessBaseAPI open(OcrSettings settings, String languages, int engineMode, int segmentation) {
        TessBaseAPI api = API.TessBaseAPICreate();
        if (API.TessBaseAPIInit2(api, settings.dataPath().toString(), languages, engineMode) != 0) {
            API.TessBaseAPIDelete(api);
            throw new IllegalStateException("Tesseract cannot load the languages " + languages + " from "
                    + settings.dataPath() + ": install them with scripts/setup-system.sh (Debian packages "
                    + "tesseract-ocr-eng, -fra, -deu, -osd) or point the OCR data path at a tessdata folder");
        }
        API.TessBaseAPISetPageSegMode(api, segmentation);
        return api;
    }

    /**
     * The clockwise quarter turn, in degrees, that puts the page upright; 0 when the page is upright or when OSD is
     * not confident (too little text).
     */
    int uprightTurn(BufferedImage grey, int dpi) {
        setImage(orientation, grey, dpi);
        if (dpi > 0) {
            NativeImage.setResolution(orientation, dpi);
        }
        IntBuffer degrees = IntBuffer.allocate(1);
        FloatBuffer degreesConfidence = FloatBuffer.allocate(1);
        PointerByReference script = new PointerByReference();
        FloatBuffer scriptConfidence = FloatBuffer.allocate(1);
        int found = API.TessBaseAPIDetectOrientationScript(orientation, degrees, degreesConfidence, script,
                scriptConfidence);
        API.TessBaseAPIClear(orientation);
        if (found == 0 || degreesConfidence.get(0) < MIN_ORIENTATION_CONFIDENCE) {
            return 0;
        }
        // OSD answers how far the input is turned clockwise; undoing that is the rest of the full turn
        return Math.floorMod(360 - degrees.get(0), 360);
    }

    Recognised read(BufferedImage grey, int dpi) {
        setImage(reader, grey, dpi);
        Pointer utf8 = API.TessBaseAPIGetUTF8Text(reader);
        if (utf8 == null) {
            API.TessBaseAPIClear(reader);
            throw new IllegalStateException("Tesseract returned no result");
        }
        String text = utf8.getString(0, StandardCharsets.UTF_8.name());
        API.TessDeleteText(utf8);
        int confidence = API.TessBaseAPIMeanTextConf(reader);
        API.TessBaseAPIClear(reader);
        return new Recognised(text, Math.max(0, confidence) / 100.0);
    }

    /** @param dpi the scan's resolution, 0 when unknown (Tesseract then estimates it from the letters' height) */
    private static void setImage(TessBaseAPI api, BufferedImage grey, int dpi) {
        int width = grey.getWidth();
        API.TessBaseAPISetImage(api, ImageIOHelper.convertImageData(grey), width, grey.getHeight(), 1, width);
        if (dpi > 0) {
            API.TessBaseAPISetSourceResolution(api, dpi);
        }
    }

    @Override
    public void close() {
        API.TessBaseAPIEnd(reader);
        API.TessBaseAPIDelete(reader);
        API.TessBaseAPIEnd(orientation);
        API.TessBaseAPIDelete(orientation);
    }

    record Recognised(String text, double confidence) {
    }

    /**
     * Puts the resolution on the image a handle holds. OSD's line finding reads the resolution of the image itself,
     * not the source resolution set with {@code TessBaseAPISetSourceResolution}, and an image handed over as raw bytes
     * has none ("Invalid resolution 0 dpi. Using 70 instead."). Two native calls bound here: Tess4J's binding of the
     * first answers a Lept4J {@code Pix}, whose library needs a newer Leptonica than Debian's. Where Leptonica cannot
     * be loaded by its plain name, nothing is done: the resolution then falls back to 70 dpi as before.
     */
    private static final class NativeImage {

        interface Tesseract extends Library {
            Pointer TessBaseAPIGetInputImage(Pointer api);
        }

        interface Leptonica extends Library {
            int pixSetResolution(Pointer pix, int xres, int yres);
        }

        private static final Tesseract TESSERACT;
        private static final Leptonica LEPTONICA;

        static {
            Tesseract tesseract;
            Leptonica leptonica;
            try {
                tesseract = Native.load("tesseract", Tesseract.class);
                leptonica = Native.load("lept", Leptonica.class);
            } catch (UnsatisfiedLinkError e) {
                tesseract = null;
                leptonica = null;
            }
            TESSERACT = tesseract;
            LEPTONICA = leptonica;
        }

        private NativeImage() {
        }

        static void setResolution(TessBaseAPI api, int dpi) {
            if (TESSERACT == null) {
                return;
            }
            Pointer input = TESSERACT.TessBaseAPIGetInputImage(api.getPointer());
            if (input != null) {
                LEPTONICA.pixSetResolution(input, dpi, dpi);
            }
        }
    }
}
