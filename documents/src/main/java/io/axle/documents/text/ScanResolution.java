package io.axle.documents.text;

import java.io.IOException;

import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The resolution an image file states for itself, handed to Tesseract so it need not guess it. Values outside 100 to
 * 1,200 dpi are not believed (72 dpi is a common default of software that never scanned anything): Tesseract's own
 * estimate from the letters' height is better then.
 */
final class ScanResolution {

    static final int UNKNOWN = 0;
    private static final int MIN_CREDIBLE = 100;
    private static final int MAX_CREDIBLE = 1200;
    private static final String PNG_FORMAT = "javax_imageio_png_1.0";

    private ScanResolution() {
    }

    static int of(ImageReader reader, int frame) {
        try {
            IIOMetadata metadata = reader.getImageMetadata(frame);
            return metadata == null ? UNKNOWN : credible(dpi(metadata));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN; // an unreadable resolution is not worth failing the page over
        }
    }

    private static double dpi(IIOMetadata metadata) {
        // the JDK's PNG reader reports pixels per millimetre where the standard tree wants millimetres per pixel,
        // so a PNG's pHYs chunk is read from the PNG tree
        if (PNG_FORMAT.equals(metadata.getNativeMetadataFormatName())) {
            Element phys = child(metadata.getAsTree(PNG_FORMAT), "pHYs");
            if (phys == null || !"meter".equals(phys.getAttribute("unitSpecifier"))) {
                return UNKNOWN;
            }
            return Double.parseDouble(phys.getAttribute("pixelsPerUnitXAxis")) * 0.0254;
        }
        if (!metadata.isStandardMetadataFormatSupported()) {
            return UNKNOWN;
        }
        Element size = child(child(metadata.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName), "Dimension"),
                "HorizontalPixelSize");
        if (size == null) {
            return UNKNOWN;
        }
        double millimetresPerPixel = Double.parseDouble(size.getAttribute("value"));
        return millimetresPerPixel > 0 ? 25.4 / millimetresPerPixel : UNKNOWN;
    }

    private static int credible(double dpi) {
        long rounded = Math.round(dpi);
        return rounded >= MIN_CREDIBLE && rounded <= MAX_CREDIBLE ? (int) rounded : UNKNOWN;
    }

    private static Element child(Node parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (name.equals(node.getNodeName())) {
                return (Element) node;
            }
        }
        return null;
    }
}
