package io.axle.launcher.e2e;

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
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Documents the pipeline's end-to-end tests make for themselves (as the documents module's tests do): an invoice as a
 * PDF with a text layer, pages drawn as 200 dpi scans, scans gathered into a PDF without text, and a damaged PDF.
 */
public final class PipelineDocuments {

    private static final File DEJAVU = new File("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    private static final int DPI = 200;
    private static final float FONT_POINTS = 12;
    private static final float LINE_POINTS = 22;

    public static final List<String> INVOICE = List.of(
            "Garage Martin SARL — SIRET 732 829 320 00074",
            "FACTURE N° FA-2026-0042",
            "Date de facture : 12/03/2026",
            "Réparation embrayage Peugeot 308",
            "Total HT : 1 028,80 €",
            "TVA 20 % : 205,76 €",
            "Total TTC : 1 234,56 €",
            "Date d'échéance : 12 avril 2026",
            "IBAN FR76 3000 6000 0112 3456 7890 189");

    private PipelineDocuments() {
    }

    /** A one-page PDF with a text layer holding {@code lines}. */
    public static byte[] textPdf(List<String> lines) {
        return textPdfPages(List.of(lines));
    }

    /** A PDF with a text layer, one page per element of {@code pages}, each holding its lines. */
    public static byte[] textPdfPages(List<List<String>> pages) {
        try (PDDocument document = new PDDocument()) {
            PDType0Font font = PDType0Font.load(document, DEJAVU);
            for (List<String> lines : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, FONT_POINTS);
                    content.newLineAtOffset(60, 770);
                    for (String line : lines) {
                        content.showText(line);
                        content.newLineAtOffset(0, -LINE_POINTS);
                    }
                    content.endText();
                }
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code lines} drawn as a clean 200 dpi grey scan. */
    public static BufferedImage scan(List<String> lines) {
        Font font;
        try {
            font = Font.createFont(Font.TRUETYPE_FONT, DEJAVU).deriveFont(FONT_POINTS * DPI / 72f);
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException(e);
        }
        int lineHeight = Math.round(LINE_POINTS * DPI / 72f);
        int width = Math.round(PDRectangle.A5.getWidth() * DPI / 72f);
        int height = lineHeight * lines.size() + 240;
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

    public static byte[] png(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF of scanned pages only (no text layer), one image per page: every page goes to OCR. */
    static byte[] scannedPdf(List<BufferedImage> scans) {
        try (PDDocument document = new PDDocument()) {
            for (BufferedImage scan : scans) {
                PDRectangle size = new PDRectangle(scan.getWidth() * 72f / DPI, scan.getHeight() * 72f / DPI);
                PDPage page = new PDPage(size);
                document.addPage(page);
                PDImageXObject image = LosslessFactory.createFromImage(document, scan);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.drawImage(image, 0, 0, size.getWidth(), size.getHeight());
                }
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file that starts as a PDF and is garbage after: recognised as a PDF, impossible to open. */
    static byte[] damagedPdf(long seed) {
        byte[] bytes = new byte[4096];
        new java.util.Random(seed).nextBytes(bytes);
        byte[] header = "%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    private static byte[] save(PDDocument document) throws IOException {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.save(out);
            return out.toByteArray();
        }
    }
}
