package io.axle.documents.text;

import static io.axle.documents.text.ExtractionMethod.OCR;
import static io.axle.documents.text.ExtractionMethod.TEXT_LAYER;
import static io.axle.documents.text.GeneratedDocuments.INVOICE;
import static io.axle.documents.text.GeneratedDocuments.LETTER;
import static io.axle.documents.text.GeneratedDocuments.a4;
import static io.axle.documents.text.GeneratedDocuments.characterErrorRate;
import static io.axle.documents.text.GeneratedDocuments.encode;
import static io.axle.documents.text.GeneratedDocuments.mixedPdf;
import static io.axle.documents.text.GeneratedDocuments.multiPageTiff;
import static io.axle.documents.text.GeneratedDocuments.noisy;
import static io.axle.documents.text.GeneratedDocuments.pngAtScanResolution;
import static io.axle.documents.text.GeneratedDocuments.rotated;
import static io.axle.documents.text.GeneratedDocuments.scan;
import static io.axle.documents.text.GeneratedDocuments.textPdf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TextExtractorTest {

    /** Measured on the generated set: text layers 0, clean scans at most 0.4%, noisy, turned or skewed at most 1.6%. */
    private static final double CLEAN_CER = 0.02;
    private static final double HARD_CER = 0.05;

    private static TextExtractor extractor;

    @BeforeAll
    static void startEngines() {
        extractor = new TextExtractor(OcrSettings.defaults().withEngines(2));
    }

    @AfterAll
    static void stopEngines() {
        extractor.close();
    }

    /** What one page should read as, and how. */
    record Expected(List<String> lines, ExtractionMethod method, double maxCer, int rotation, double deskew) {

        static Expected layer(List<String> lines) {
            return new Expected(lines, TEXT_LAYER, 0.0, 0, 0);
        }

        static Expected ocr(List<String> lines, double maxCer) {
            return new Expected(lines, OCR, maxCer, 0, 0);
        }

        Expected turned(int degrees) {
            return new Expected(lines, method, maxCer, degrees, deskew);
        }

        Expected levelled(double degrees) {
            return new Expected(lines, method, maxCer, rotation, degrees);
        }
    }

    record Case(String name, Supplier<byte[]> document, List<Expected> pages) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> documents() {
        return Stream.of(
                new Case("PDF with a text layer, two pages", () -> textPdf(List.of(INVOICE, LETTER)),
                        List.of(Expected.layer(INVOICE), Expected.layer(LETTER))),
                new Case("clean PNG scan stating its resolution", () -> pngAtScanResolution(scan(INVOICE)),
                        List.of(Expected.ocr(INVOICE, CLEAN_CER))),
                new Case("noisy JPEG scan", () -> encode(noisy(scan(INVOICE), 0.01, 1), "jpg"),
                        List.of(Expected.ocr(INVOICE, HARD_CER))),
                new Case("scan turned 90° clockwise", () -> encode(rotated(scan(INVOICE), 90), "png"),
                        List.of(Expected.ocr(INVOICE, HARD_CER).turned(270))),
                new Case("PNG scan stating its resolution, turned 90° clockwise",
                        () -> pngAtScanResolution(rotated(scan(LETTER), 90)),
                        List.of(Expected.ocr(LETTER, HARD_CER).turned(270))),
                new Case("noisy scan upside down", () -> encode(rotated(noisy(scan(INVOICE), 0.01, 2), 180), "png"),
                        List.of(Expected.ocr(INVOICE, HARD_CER).turned(180))),
                new Case("scan turned 270° clockwise", () -> encode(rotated(scan(LETTER), 270), "png"),
                        List.of(Expected.ocr(LETTER, HARD_CER).turned(90))),
                new Case("noisy scan skewed 3°", () -> encode(rotated(noisy(scan(INVOICE), 0.01, 3), 3), "png"),
                        List.of(Expected.ocr(INVOICE, HARD_CER).levelled(-3))),
                new Case("speckled upright A4 scan with a short text block",
                        () -> pngAtScanResolution(noisy(a4(LETTER, GeneratedDocuments.DPI), 0.002, 1)),
                        List.of(Expected.ocr(LETTER, HARD_CER))),
                new Case("two-page TIFF", () -> multiPageTiff(List.of(noisy(scan(INVOICE), 0.01, 4), scan(LETTER))),
                        List.of(Expected.ocr(INVOICE, HARD_CER), Expected.ocr(LETTER, CLEAN_CER))),
                new Case("PDF with a text page and a scanned page", () -> mixedPdf(LETTER, scan(INVOICE)),
                        List.of(Expected.layer(LETTER), Expected.ocr(INVOICE, CLEAN_CER))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void readsEveryPageByTheRightMethod(Case document) {
        List<int[]> progress = new ArrayList<>();

        List<PageText> pages = extractor.extract(new ByteArrayInputStream(document.document().get()),
                (page, of) -> progress.add(new int[] {page, of}));

        int count = document.pages().size();
        assertThat(pages).extracting(PageText::number).containsExactlyElementsOf(
                IntStream.rangeClosed(1, count).boxed().toList());
        assertThat(progress).extracting(p -> p[0] + "/" + p[1]).containsExactlyElementsOf(
                IntStream.rangeClosed(1, count).mapToObj(n -> n + "/" + count).toList());
        for (int i = 0; i < count; i++) {
            Expected expected = document.pages().get(i);
            PageText page = pages.get(i);
            double cer = characterErrorRate(String.join("\n", expected.lines()), page.text());
            System.out.printf("%s, page %d: %s CER %.4f confidence %.2f rotation %d deskew %.2f%n", document.name(),
                    page.number(), page.method().label(), cer, page.confidence(), page.rotation(), page.deskew());
            assertThat(page.method()).as("method of page %d", page.number()).isEqualTo(expected.method());
            assertThat(cer).as("character error rate of page %d, read as:%n%s", page.number(), page.text())
                    .isLessThanOrEqualTo(expected.maxCer());
            assertThat(page.rotation()).as("quarter turn of page %d", page.number()).isEqualTo(expected.rotation());
            assertThat(page.deskew()).as("deskew of page %d", page.number()).isCloseTo(expected.deskew(),
                    within(0.6));
            if (page.method() == TEXT_LAYER) {
                assertThat(page.confidence()).isEqualTo(1.0);
            } else {
                assertThat(page.confidence()).as("OCR confidence of page %d", page.number()).isBetween(0.7, 1.0);
            }
        }
    }

    @Test
    void pagesReadBeforeAreSkippedNeitherReadNorReported() {
        byte[] tiff = multiPageTiff(List.of(scan(INVOICE), scan(LETTER), scan(INVOICE)));
        List<PageText> reported = new ArrayList<>();

        List<PageText> pages = extractor.extract(new ByteArrayInputStream(tiff), java.util.Set.of(1, 3),
                new ExtractionProgress() {
                    @Override
                    public void pageDone(int page, int of) {
                    }

                    @Override
                    public void pageRead(PageText page, int of) {
                        assertThat(of).isEqualTo(3);
                        reported.add(page);
                    }
                });

        assertThat(pages).extracting(PageText::number).containsExactly(2);
        assertThat(reported).isEqualTo(pages);
        assertThat(characterErrorRate(String.join("\n", LETTER), pages.get(0).text())).isLessThan(CLEAN_CER);
    }

    @Test
    void skippedPagesOfAPdfAreNotReadEither() {
        List<String> progress = new ArrayList<>();

        List<PageText> pages = extractor.extract(new ByteArrayInputStream(mixedPdf(LETTER, scan(INVOICE))),
                java.util.Set.of(2), (page, of) -> progress.add(page + "/" + of));

        assertThat(pages).extracting(PageText::number, PageText::method)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, TEXT_LAYER));
        assertThat(progress).containsExactly("1/2");
    }

    @Test
    void aDamagedPdfIsRefusedWithWhatToDo() {
        byte[] damaged = "%PDF-1.7\n1 0 obj << /Type /Catalog >>\nnonsense".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> extractor.extract(new ByteArrayInputStream(damaged), ExtractionProgress.NONE))
                .isInstanceOf(TextExtractionException.class)
                .hasMessageContaining("PDF cannot be opened")
                .hasMessageContaining("upload an undamaged copy");
    }

    @Test
    void aDamagedFrameIsRefusedNamingItsPage() {
        byte[] tiff = multiPageTiff(List.of(scan(LETTER), scan(LETTER)));
        byte[] cut = Arrays.copyOf(tiff, tiff.length - 1000);

        assertThatThrownBy(() -> extractor.extract(new ByteArrayInputStream(cut), ExtractionProgress.NONE))
                .isInstanceOfSatisfying(TextExtractionException.class, e -> assertThat(e.page()).isEqualTo(2))
                .hasMessageContaining("Page 2 of 2 of the image cannot be decoded")
                .hasMessageContaining("upload an undamaged copy");
    }

    @Test
    void aBlankScanReadsAsAnEmptyPage() {
        BufferedImage blank = new BufferedImage(600, 400, BufferedImage.TYPE_BYTE_GRAY);
        blank.getGraphics().fillRect(0, 0, 600, 400);

        List<PageText> pages = extractor.extract(new ByteArrayInputStream(encode(blank, "png")),
                ExtractionProgress.NONE);

        assertThat(pages).singleElement().satisfies(page -> {
            assertThat(page.text()).isEmpty();
            assertThat(page.confidence()).isZero();
        });
    }

    @Test
    void missingLanguageDataIsReportedWhenTheExtractorIsBuilt() {
        OcrSettings nowhere = new OcrSettings(Path.of("/nonexistent/tessdata"), "eng", 1);

        assertThatThrownBy(() -> new TextExtractor(nowhere))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/tessdata")
                .hasMessageContaining("scripts/setup-system.sh");
    }

    @Test
    void aFileThatIsNeitherPdfNorImageIsRefused() {
        byte[] text = "just some words".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> extractor.extract(new ByteArrayInputStream(text), ExtractionProgress.NONE))
                .isInstanceOf(TextExtractionException.class)
                .hasMessageContaining("text/plain, not a PDF, JPEG, PNG or TIFF");
    }

    @Test
    void aTextLayerOfAFewCharactersIsTreatedAsAScan() {
        assertThat(TextExtractor.hasRealText(" 3 \n")).isFalse();
        assertThat(TextExtractor.hasRealText("Total TTC 1 500,00 EUR")).isTrue();
    }
}
