package io.axle.documents.text;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Arrays;

import com.recognition.software.jdeskew.ImageDeskew;

/** Grey conversion, quarter turns and small-angle deskew of a scanned page, in plain Java2D. */
final class ScanGeometry {

    /** Skews below this are left alone: Tesseract reads them as well, and each resampling blurs a little. */
    static final double MIN_DESKEW_DEGREES = 0.3;
    /** Larger angles are not skew but something the projection would get wrong (tables, diagrams). */
    static final double MAX_DESKEW_DEGREES = 10;
    /** The skew is measured on a copy at most this wide: the angle does not depend on resolution, the time does. */
    private static final int SKEW_PROBE_WIDTH = 1000;
    /** How much sharper the text lines' profile must be once turned for a measured skew to be believed. */
    static final double MIN_PROFILE_GAIN = 1.05;
    /** Grey levels below this are ink. */
    private static final int INK_BELOW = 128;
    /** An ink pixel with fewer ink neighbours (of eight) than this is speckle, not part of a letter. */
    private static final int MIN_INK_NEIGHBOURS = 2;

    private ScanGeometry() {
    }

    static BufferedImage grey(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return grey;
    }

    /** The page turned clockwise by a multiple of 90 degrees, pixel for pixel. */
    static BufferedImage turn(BufferedImage grey, int degreesClockwise) {
        int quarters = Math.floorMod(degreesClockwise / 90, 4);
        if (quarters == 0) {
            return grey;
        }
        int w = grey.getWidth();
        int h = grey.getHeight();
        boolean sideways = quarters % 2 == 1;
        BufferedImage turned = new BufferedImage(sideways ? h : w, sideways ? w : h, BufferedImage.TYPE_BYTE_GRAY);
        var from = grey.getRaster();
        var to = turned.getRaster();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            from.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                switch (quarters) {
                    case 1 -> to.setSample(h - 1 - y, x, 0, row[x]);
                    case 2 -> to.setSample(w - 1 - x, h - 1 - y, 0, row[x]);
                    default -> to.setSample(y, w - 1 - x, 0, row[x]);
                }
            }
        }
        return turned;
    }

    /**
     * The clockwise rotation, in degrees, that levels the text lines; 0 when they are level enough already.
     * <p>
     * The angle is measured on a small black-and-white copy from which isolated dark pixels (speckle) have been
     * removed: on a large page with a short text block, a little speckle otherwise outweighs the text and the Hough
     * transform answers an angle of a few degrees for an upright page. The angle found is then accepted only if
     * turning by it makes the text lines stand out more than they do as the page is: the rows of the turned page
     * (the horizontal projection profile) must be more unequal, their sum of squares at least
     * {@value #MIN_PROFILE_GAIN} times that of the page unturned.
     */
    static double deskewAngle(BufferedImage grey) {
        BufferedImage probe = grey;
        if (grey.getWidth() > SKEW_PROBE_WIDTH) {
            double scale = (double) SKEW_PROBE_WIDTH / grey.getWidth();
            probe = rotate(grey, 0, scale);
        }
        Ink ink = Ink.of(probe);
        double skew = new ImageDeskew(ink.image()).getSkewAngle();
        if (Math.abs(skew) < MIN_DESKEW_DEGREES || Math.abs(skew) > MAX_DESKEW_DEGREES) {
            return 0;
        }
        if (ink.profileSharpness(-skew) < MIN_PROFILE_GAIN * ink.profileSharpness(0)) {
            return 0;
        }
        return -skew;
    }

    /** The ink of a probe once speckle is removed: as a black-on-white picture and as pixel coordinates. */
    private record Ink(BufferedImage image, int[] xs, int[] ys, int width, int height) {

        static Ink of(BufferedImage probe) {
            int w = probe.getWidth();
            int h = probe.getHeight();
            int[] pixels = probe.getRaster().getPixels(0, 0, w, h, (int[]) null);
            boolean[] dark = new boolean[w * h];
            for (int i = 0; i < dark.length; i++) {
                dark[i] = pixels[i] < INK_BELOW;
            }
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            int[] white = new int[w * h];
            Arrays.fill(white, 255);
            int[] xs = new int[w * h];
            int[] ys = new int[w * h];
            int count = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (dark[y * w + x] && neighbours(dark, w, h, x, y) >= MIN_INK_NEIGHBOURS) {
                        white[y * w + x] = 0;
                        xs[count] = x;
                        ys[count] = y;
                        count++;
                    }
                }
            }
            image.getRaster().setPixels(0, 0, w, h, white);
            return new Ink(image, Arrays.copyOf(xs, count), Arrays.copyOf(ys, count), w, h);
        }

        private static int neighbours(boolean[] dark, int w, int h, int x, int y) {
            int n = 0;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int nx = x + dx;
                    int ny = y + dy;
                    if ((dx != 0 || dy != 0) && nx >= 0 && ny >= 0 && nx < w && ny < h && dark[ny * w + nx]) {
                        n++;
                    }
                }
            }
            return n;
        }

        /** The sum of squares of the ink counts per row once the ink is turned clockwise by {@code degrees}. */
        double profileSharpness(double degrees) {
            double radians = Math.toRadians(degrees);
            double sin = Math.sin(radians);
            double cos = Math.cos(radians);
            int offset = width + height;
            long[] rows = new long[2 * offset + 1];
            for (int i = 0; i < xs.length; i++) {
                double x = xs[i] - width / 2.0;
                double y = ys[i] - height / 2.0;
                rows[(int) Math.round(x * sin + y * cos) + offset]++;
            }
            double sum = 0;
            for (long row : rows) {
                sum += (double) row * row;
            }
            return sum;
        }
    }

    /** The page rotated about its centre on a white canvas large enough to keep every corner. */
    static BufferedImage rotate(BufferedImage grey, double degreesClockwise) {
        return rotate(grey, degreesClockwise, 1);
    }

    private static BufferedImage rotate(BufferedImage grey, double degreesClockwise, double scale) {
        double radians = Math.toRadians(degreesClockwise);
        double sin = Math.abs(Math.sin(radians));
        double cos = Math.abs(Math.cos(radians));
        int w = grey.getWidth();
        int h = grey.getHeight();
        int newW = (int) Math.ceil((w * cos + h * sin) * scale);
        int newH = (int) Math.ceil((h * cos + w * sin) * scale);
        BufferedImage rotated = new BufferedImage(newW, newH, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = rotated.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, newW, newH);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform transform = new AffineTransform();
        transform.translate(newW / 2.0, newH / 2.0);
        transform.rotate(radians);
        transform.scale(scale, scale);
        transform.translate(-w / 2.0, -h / 2.0);
        g.drawImage(grey, transform, null);
        g.dispose();
        return rotated;
    }
}
