package io.axle.documents.text;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Documents the extraction tests make for themselves: text-layer PDFs, the same pages as scans, TIFFs. */
final class GeneratedDocuments {

    static final File DEJAVU = new File("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

    static final List<String> INVOICE = List.of(
            "FACTURE N° FA-2026-0412",
            "Garage Dupont SARL, 12 rue des Lilas, 69003 Lyon",
            "Date : 07/12/2026  Échéance : 06/01/2027",
            "Réparation embrayage Peugeot 308",
            "Total HT 1 250,00 EUR",
            "TVA 20 % 250,00 EUR",
            "Total TTC 1 500,00 EUR",
            "IBAN FR76 3000 6000 0112 3456 7890 189");

    static final List<String> LETTER = List.of(
            "Dear customer,",
            "Thank you for bringing your vehicle to our workshop.",
            "The inspection report is attached to this letter.",
            "Please call us to book the next service.",
            "Mit freundlichen Grüßen, the Axle team");

    /** Scans are drawn at 200 dpi: 12 pt text is 33 px high. */
    static final int DPI = 200;
    private static final float FONT_POINTS = 12;
    private static final float PDF_LINE_POINTS = 22;

    private GeneratedDocuments() {
    }

    static byte[] textPdf(List<List<String>> pages) {
        try (PDDocument document = new PDDocument()) {
            PDType0Font font = PDType0Font.load(document, DEJAVU);
            for (List<String> lines : pages) {
                addTextPage(document, font, lines);
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF whose first page has a text layer and whose second is only a picture of text. */
    static byte[] mixedPdf(List<String> textPage, BufferedImage scannedPage) {
        try (PDDocument document = new PDDocument()) {
            addTextPage(document, PDType0Font.load(document, DEJAVU), textPage);
            float width = scannedPage.getWidth() * 72f / DPI;
            float height = scannedPage.getHeight() * 72f / DPI;
            PDPage second = new PDPage(new PDRectangle(width, height));
            document.addPage(second);
            PDImageXObject image = LosslessFactory.createFromImage(document, scannedPage);
            try (PDPageContentStream content = new PDPageContentStream(document, second)) {
                content.drawImage(image, 0, 0, width, height);
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addTextPage(PDDocument document, PDType0Font font, List<String> lines) throws IOException {
        PDPage page = new PDPage(PDRectangle.A5);
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            content.beginText();
            content.setFont(font, FONT_POINTS);
            content.newLineAtOffset(36, page.getMediaBox().getHeight() - 60);
            for (String line : lines) {
                content.showText(line);
                content.newLineAtOffset(0, -PDF_LINE_POINTS);
            }
            content.endText();
        }
    }

    /** The lines drawn as a clean 200 dpi scan, A5-wide. */
    static BufferedImage scan(List<String> lines) {
        Font font = dejaVu().deriveFont(FONT_POINTS * DPI / 72f);
        int lineHeight = Math.round(PDF_LINE_POINTS * DPI / 72f);
        int width = Math.round(PDRectangle.A5.getWidth() * DPI / 72f);
        int height = lineHeight * lines.size() + 2 * 120;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(font);
        int y = 120 + lineHeight;
        for (String line : lines) {
            g.drawString(line, 100, y);
            y += lineHeight;
        }
        g.dispose();
        return image;
    }

    /** The lines drawn on a white A4 page at {@code dpi} with one-inch margins: a short block on a large page. */
    static BufferedImage a4(List<String> lines, int dpi) {
        int width = Math.round(8.27f * dpi);
        BufferedImage image = new BufferedImage(width, Math.round(11.69f * dpi), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(dejaVu().deriveFont(FONT_POINTS * dpi / 72f));
        int lineHeight = Math.round(g.getFontMetrics().getHeight() * 1.4f);
        int y = dpi + lineHeight;
        for (String line : lines) {
            g.drawString(line, dpi, y);
            y += lineHeight;
        }
        g.dispose();
        return image;
    }

    /** Salt-and-pepper speckle on a share of the pixels, and a slight grey cast, as a cheap scanner gives. */
    static BufferedImage noisy(BufferedImage image, double share, long seed) {
        BufferedImage copy = copy(image);
        Random random = new Random(seed);
        var raster = copy.getRaster();
        for (int y = 0; y < copy.getHeight(); y++) {
            for (int x = 0; x < copy.getWidth(); x++) {
                int value = raster.getSample(x, y, 0);
                if (random.nextDouble() < share) {
                    value = random.nextBoolean() ? 0 : 255;
                } else {
                    value = Math.max(0, Math.min(255, value - 25 + (int) (random.nextGaussian() * 12)));
                }
                raster.setSample(x, y, 0, value);
            }
        }
        return copy;
    }

    /** The image turned clockwise by any angle, on a white canvas that keeps every corner. */
    static BufferedImage rotated(BufferedImage image, double degreesClockwise) {
        return ScanGeometry.rotate(image, degreesClockwise);
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG that states its resolution (pHYs), as scanners write it. */
    static byte[] pngAtScanResolution(BufferedImage image) {
        return pngAtScanResolution(image, DPI);
    }

    /** A PNG that states the given resolution (pHYs). */
    static byte[] pngAtScanResolution(BufferedImage image, int dpi) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), null);
            // the PNG tree, not the standard one: the JDK converts the standard pixel size the wrong way round
            String pixelsPerMetre = Long.toString(Math.round(dpi / 0.0254));
            IIOMetadataNode phys = new IIOMetadataNode("pHYs");
            phys.setAttribute("pixelsPerUnitXAxis", pixelsPerMetre);
            phys.setAttribute("pixelsPerUnitYAxis", pixelsPerMetre);
            phys.setAttribute("unitSpecifier", "meter");
            IIOMetadataNode root = new IIOMetadataNode(metadata.getNativeMetadataFormatName());
            root.appendChild(phys);
            metadata.mergeTree(metadata.getNativeMetadataFormatName(), root);
            writer.write(new IIOImage(image, null, metadata));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static byte[] multiPageTiff(List<BufferedImage> pages) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage page : pages) {
                writer.writeToSequence(new IIOImage(page, null, null), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage copy(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        copy.getRaster().setRect(image.getRaster());
        return copy;
    }

    static Font dejaVu() {
        try {
            return Font.createFont(Font.TRUETYPE_FONT, DEJAVU);
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("DejaVu Sans is needed (Debian fonts-dejavu-core)", e);
        }
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    /** Character error rate: edit distance over the expected length, whitespace runs counted as one space. */
    static double characterErrorRate(String expected, String actual) {
        String a = normalise(expected);
        String b = normalise(actual);
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return (double) previous[b.length()] / a.length();
    }

    private static String normalise(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
