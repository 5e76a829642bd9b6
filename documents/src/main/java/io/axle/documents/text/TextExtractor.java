package io.axle.documents.text;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import io.axle.documents.detect.DetectedType;
import io.axle.documents.detect.DocumentFormat;
import io.axle.documents.detect.TypeDetector;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text of a PDF, JPEG, PNG or TIFF, page by page. A PDF page with a real text layer is read from it; any other
 * page is rendered at 300 dpi in grey (or taken as scanned) and read by Tesseract, after being turned upright (OSD)
 * and levelled (deskew). Scanned pages are read in parallel by the OCR pool; answers and progress come in page order.
 * Build one per process and {@link #close()} it: it owns native engines and threads.
 */
public final class TextExtractor implements AutoCloseable {

    /** A page whose text layer has fewer letters and digits than this is treated as a scan (a stray page number). */
    static final int MIN_TEXT_LAYER_CHARACTERS = 16;
    static final float RENDER_DPI = 300;
    /** Very large PDF pages are rendered at a lower resolution so no side exceeds this many pixels. */
    private static final int MAX_RENDER_PIXELS = 7000;

    private final TypeDetector detector = new TypeDetector();
    private final OcrPool ocr;

    public TextExtractor(OcrSettings settings) {
        this.ocr = new OcrPool(settings);
    }

    /** The text of the stream's file; the stream is copied to a temporary file first, never held whole in memory. */
    public List<PageText> extract(InputStream in, ExtractionProgress progress) {
        return extract(in, Set.of(), progress);
    }

    /**
     * The text of the stream's file but for the pages numbered in {@code skip} (read before, by a run that was cut
     * short): those are neither read nor reported, and are missing from the answer.
     */
    public List<PageText> extract(InputStream in, Set<Integer> skip, ExtractionProgress progress) {
        Path spool = null;
        try {
            spool = Files.createTempFile("axle-document-", ".bin");
            Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
            return extract(spool, skip, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("the document cannot be copied to a temporary file", e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // the temporary folder is cleaned by the system
                }
            }
        }
    }

    public List<PageText> extract(Path file, ExtractionProgress progress) {
        return extract(file, Set.of(), progress);
    }

    /** The text of {@code file} but for the pages numbered in {@code skip}, which are neither read nor reported. */
    public List<PageText> extract(Path file, Set<Integer> skip, ExtractionProgress progress) {
        DetectedType type;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            type = detector.detect(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the document " + file + " cannot be read", e);
        }
        try {
            return switch (type.format()) {
                case PDF -> pdf(file, skip, progress);
                case JPEG, PNG, TIFF -> images(file, type, skip, progress);
                case UNSUPPORTED -> throw new TextExtractionException("The file is " + type.mediaType()
                        + ", not a PDF, JPEG, PNG or TIFF: no text can be extracted from it.", null);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TextExtractionException("Text extraction was interrupted; reprocess the document.", e);
        }
    }

    private List<PageText> pdf(Path file, Set<Integer> skip, ExtractionProgress progress)
            throws InterruptedException {
        try (PDDocument document = Loader.loadPDF(file.toFile())) {
            int pages = document.getNumberOfPages();
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            PDFRenderer renderer = new PDFRenderer(document);
            PagesInOrder results = new PagesInOrder(pages, progress);
            for (int number = 1; number <= pages; number++) {
                if (skip.contains(number)) {
                    continue;
                }
                String layer = textLayer(document, stripper, number, pages);
                if (hasRealText(layer)) {
                    results.add(PageText.fromTextLayer(number, layer.strip()));
                } else {
                    float dpi = renderDpi(document, number);
                    results.add(number, ocr.read(number, render(renderer, number, pages, dpi), Math.round(dpi)));
                }
            }
            return results.all();
        } catch (InvalidPasswordException e) {
            throw new TextExtractionException("The PDF is protected by a password: upload a copy without one.", e);
        } catch (IOException e) {
            throw new TextExtractionException("The PDF cannot be opened (" + e.getMessage()
                    + "): it is damaged or not a PDF; upload an undamaged copy (save or scan it again).", e);
        }
    }

    private static String textLayer(PDDocument document, PDFTextStripper stripper, int number, int pages) {
        stripper.setStartPage(number);
        stripper.setEndPage(number);
        try {
            return stripper.getText(document);
        } catch (IOException | RuntimeException e) {
            throw new TextExtractionException(number, "Page " + number + " of " + pages + " of the PDF is damaged ("
                    + e.getMessage() + "): its text cannot be read; upload an undamaged copy.", e);
        }
    }

    static boolean hasRealText(String layer) {
        return layer.codePoints().filter(Character::isLetterOrDigit).limit(MIN_TEXT_LAYER_CHARACTERS).count()
                >= MIN_TEXT_LAYER_CHARACTERS;
    }

    private static float renderDpi(PDDocument document, int number) {
        PDRectangle box = document.getPage(number - 1).getCropBox();
        float longestSideInches = Math.max(box.getWidth(), box.getHeight()) / 72f;
        return Math.min(RENDER_DPI, MAX_RENDER_PIXELS / longestSideInches);
    }

    private static BufferedImage render(PDFRenderer renderer, int number, int pages, float dpi) {
        try {
            return renderer.renderImageWithDPI(number - 1, dpi, ImageType.GRAY);
        } catch (IOException | RuntimeException e) {
            throw new TextExtractionException(number, "Page " + number + " of " + pages + " of the PDF cannot be "
                    + "rendered for OCR (" + e.getMessage() + "); upload an undamaged copy.", e);
        }
    }

    /**
     * The JDK's own reader when there is one. Tess4J brings jai-imageio, whose TIFF reader also registers, and the
     * order ImageIO lists them in changes with the class path; the JDK's reports a cut-off frame as damaged, where
     * jai-imageio's fills the missing part and reads it as a page.
     */
    private static ImageReader jdkFirst(Iterator<ImageReader> readers) {
        ImageReader first = readers.next();
        if (first.getClass().getName().startsWith("com.sun.imageio.")) {
            return first;
        }
        while (readers.hasNext()) {
            ImageReader next = readers.next();
            if (next.getClass().getName().startsWith("com.sun.imageio.")) {
                first.dispose();
                return next;
            }
            next.dispose();
        }
        return first;
    }

    private List<PageText> images(Path file, DetectedType type, Set<Integer> skip, ExtractionProgress progress)
            throws InterruptedException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new TextExtractionException(1, "The " + type.mediaType() + " image cannot be decoded; "
                        + "save it again as PDF, PNG or baseline JPEG.", null);
            }
            ImageReader reader = jdkFirst(readers);
            try {
                reader.setInput(in);
                int pages = type.format() == DocumentFormat.TIFF ? reader.getNumImages(true) : 1;
                PagesInOrder results = new PagesInOrder(pages, progress);
                for (int number = 1; number <= pages; number++) {
                    if (skip.contains(number)) {
                        continue;
                    }
                    results.add(number, ocr.read(number, frame(reader, number, pages),
                            ScanResolution.of(reader, number - 1)));
                }
                return results.all();
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new TextExtractionException("The " + type.mediaType() + " image cannot be read (" + e.getMessage()
                    + "): it is damaged; upload an undamaged copy.", e);
        }
    }

    private static BufferedImage frame(ImageReader reader, int number, int pages) {
        try {
            return reader.read(number - 1);
        } catch (IOException | RuntimeException e) {
            throw new TextExtractionException(number, "Page " + number + " of " + pages + " of the image cannot be "
                    + "decoded (" + e.getMessage() + "); upload an undamaged copy.", e);
        }
    }

    @Override
    public void close() {
        ocr.close();
    }

    /**
     * Pages answered now (text layer) or later (OCR), reported to the progress callback strictly in the order they were
     * added (page order; skipped pages are never added).
     */
    private static final class PagesInOrder {

        private final int pages;
        private final ExtractionProgress progress;
        private final List<Future<PageText>> pending = new ArrayList<>();
        private final List<Integer> numbers = new ArrayList<>();
        private final List<PageText> done = new ArrayList<>();

        PagesInOrder(int pages, ExtractionProgress progress) {
            this.pages = pages;
            this.progress = progress;
        }

        void add(PageText page) {
            add(page.number(), CompletableFuture.completedFuture(page));
        }

        void add(int number, Future<PageText> page) {
            pending.add(page);
            numbers.add(number);
            while (done.size() < pending.size() && pending.get(done.size()).isDone()) {
                collectNext();
            }
        }

        List<PageText> all() {
            while (done.size() < pending.size()) {
                collectNext();
            }
            return List.copyOf(done);
        }

        private void collectNext() {
            int number = numbers.get(done.size());
            PageText page;
            try {
                page = pending.get(done.size()).get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new TextExtractionException(number, "Page " + number + " of " + pages + " could not be read by "
                        + "OCR (" + cause + "); reprocess the document, and if it fails again check the Tesseract "
                        + "installation (scripts/setup-system.sh).", cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TextExtractionException(number, "Text extraction was interrupted at page " + number + " of "
                        + pages + "; reprocess the document.", e);
            }
            done.add(page);
            progress.pageRead(page, pages);
        }
    }
}
