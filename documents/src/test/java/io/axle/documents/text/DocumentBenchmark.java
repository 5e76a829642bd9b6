package io.axle.documents.text;

import static io.axle.documents.text.GeneratedDocuments.characterErrorRate;
import static io.axle.documents.text.GeneratedDocuments.noisy;
import static io.axle.documents.text.GeneratedDocuments.pngAtScanResolution;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.apache.lucene.store.ByteBuffersDirectory;
import org.springframework.util.FileSystemUtils;

import io.axle.documents.understanding.DocumentUnderstanding;
import io.axle.documents.understanding.GeneratedCorpus;
import io.axle.documents.understanding.GeneratedCorpus.Labelled;
import io.axle.documents.understanding.classification.DocumentClassifier;
import io.axle.documents.understanding.classification.LearnedClassifier;
import io.axle.documents.understanding.classification.RuleClassifier;
import io.axle.documents.understanding.classification.TypeRules;
import io.axle.documents.understanding.fields.ConfidenceThresholds;
import io.axle.documents.understanding.fields.ExtractedField;
import io.axle.documents.understanding.fields.FieldExtractor;
import io.axle.documents.understanding.language.LanguageIdentifier;

/**
 * The document pipeline's own parts measured on pages and documents it generates; no application is booted.
 * <ol>
 * <li>OCR throughput: documents of the {@link GeneratedCorpus} (those with known field values first) drawn as A4
 * scans at 200, 250 or 300 dpi with speckle and a grey cast, written as PNG files that state their resolution. Pages/s
 * of {@link TextExtractor} (orientation detection, deskew, recognition) with one engine and with {@code engines}
 * engines fed by as many threads, beside the {@code tesseract} command line on the same files in the same run (same
 * languages, {@code OMP_THREAD_LIMIT=1}, one process per page, one at a time and {@code engines} at a time), once
 * recognising only and once running its orientation detection ({@code --psm 0}) first, as the extractor does; and the
 * character error rate of both against the text drawn. The ways take turns on small groups of pages, so that a
 * change in the load of a shared machine falls on all of them alike.</li>
 * <li>Accuracy: language and field precision/recall on the corpus text and on the extractor's text of the scanned
 * pages; classification accuracy of the rules, then of rules and learning after k corrections of each kind of
 * document whose wording the rules do not know (k = 0, 1, 2, 5, 10), on held-out documents of those kinds and on
 * the corpus. Pages read poorly, and the language, fields and types missed on the scans, are listed.</li>
 * </ol>
 * Run with {@code scripts/benchmark.sh documents [pages=20] [engines=cores]}; it exits once it has printed.
 */
public final class DocumentBenchmark {

    private static final String LANGUAGES = "eng+fra+deu";
    private static final int[] RESOLUTIONS = {200, 250, 300};
    private static final float A4_WIDTH_INCHES = 8.27f;
    private static final float A4_HEIGHT_INCHES = 11.69f;
    private static final float FONT_POINTS = 11;
    private static final double SPECKLE = 0.002;
    /** A page read worse than this is listed with the rotation and deskew the extractor applied. */
    private static final double POOR_PAGE = 0.10;
    /** The extractor's last answer for each page file, for the rotation and deskew it applied. */
    private static final Map<Path, PageText> GEOMETRY = new ConcurrentHashMap<>();
    /** The ways of reading take turns on groups of this many pages per engine. */
    private static final int GROUP_PER_ENGINE = 2;
    /** The extractor's steps timed apart: decode, grey, orientation, deskew, recognition. */
    private static final int STEPS = 5;
    private static final int[] CORRECTIONS = {0, 1, 2, 5, 10};
    /** Documents of each unknown wording generated: the first ones are corrected, the last ones held out. */
    private static final int PER_KIND = 20;
    private static final int HELD_OUT_PER_KIND = 10;

    /** A scanned page on disk and the document drawn on it. */
    record Page(Path file, Labelled document, int dpi) {
    }

    /** What one way of reading did to the pages: the time it took and the text it read for each. */
    record Reading(double seconds, List<String> texts) {
    }

    /**
     * Field values read against those expected: precision is right/found, recall right/expected; each miss says the
     * document's place in its list (from 1), the field, and what was read.
     */
    record FieldScore(int expected, int found, int right, List<String> misses) {

        double precision() {
            return found == 0 ? 0 : (double) right / found;
        }

        double recall() {
            return expected == 0 ? 0 : (double) right / expected;
        }
    }

    /** A way of reading the pages, by one reader at a time and by several at once. */
    record Way(String name, PageReader oneAtATime, PageReader severalAtATime) {
    }

    /** One way of reading a page, which may fail. */
    @FunctionalInterface
    interface PageReader {
        String read(Page page) throws Exception;
    }

    private DocumentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // no logging configuration outside Spring Boot: keep debug lines out of the measure
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int pageCount = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int cores = Runtime.getRuntime().availableProcessors();
        int engines = args.length > 1 ? Integer.parseInt(args[1]) : cores;
        Path dir = Files.createTempDirectory("axle-document-bench");
        try {
            List<Page> pages = scans(dir, pageCount);
            System.out.printf("%n=== Document benchmark: %d scanned A4 pages (%s dpi, speckle), %s, %d engines, %d"
                    + " cores, OMP_THREAD_LIMIT=%s ===%n", pages.size(), Arrays.stream(RESOLUTIONS)
                    .mapToObj(Integer::toString).collect(Collectors.joining("/")), LANGUAGES, engines, cores,
                    System.getenv().getOrDefault("OMP_THREAD_LIMIT", "unset"));
            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            List<String> ocrTexts = throughput(pages, engines);
            System.out.printf("load average (1 min) before the OCR measures %.1f, after %.1f%n", loadBefore,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            accuracy(pages, ocrTexts);
        } finally {
            FileSystemUtils.deleteRecursively(dir.toFile());
        }
        System.exit(0);
    }

    // ---- 1. OCR throughput ----

    private static List<String> throughput(List<Page> pages, int engines) throws Exception {
        long start = System.nanoTime();
        try (TextExtractor one = new TextExtractor(OcrSettings.defaults().withEngines(1))) {
            double loadOne = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            try (TextExtractor all = new TextExtractor(OcrSettings.defaults().withEngines(engines))) {
                System.out.printf("engines loaded in %.0f ms (1 engine), %.0f ms (%d engines); not counted below%n",
                        loadOne, (System.nanoTime() - start) / 1e6, engines);
                one.extract(pages.get(0).file(), ExtractionProgress.NONE); // warm-up: JIT, page cache
                cli(pages.get(0), true);
                List<Way> ways = List.of(
                        new Way("Axle TextExtractor (OSD, deskew, OCR)", page -> axle(one, page),
                                page -> axle(all, page)),
                        new Way("tesseract CLI, OCR only", page -> cli(page, false), page -> cli(page, false)),
                        new Way("tesseract CLI, OSD (--psm 0) then OCR", page -> cli(page, true),
                                page -> cli(page, true)));
                return interleaved(pages, engines, ways);
            }
        }
    }

    /**
     * The machine may be shared and its load change by the minute: so every way reads the same group of a few pages,
     * one way after the other (one at a time, then {@code engines} at a time), and the next group likewise; each way's
     * time is the sum over the groups. The extractor's steps are timed apart on the same group.
     */
    private static List<String> interleaved(List<Page> pages, int engines, List<Way> ways) throws Exception {
        double[][] seconds = new double[ways.size()][2];
        String[][][] texts = new String[ways.size()][2][pages.size()];
        double[] stages = new double[STEPS];
        try (TesseractEngine engine = new TesseractEngine(OcrSettings.defaults().withEngines(1))) {
            steps(engine, pages.subList(0, 1), new double[STEPS]); // warm-up
            for (int from = 0; from < pages.size(); from += GROUP_PER_ENGINE * engines) {
                List<Page> group = pages.subList(from, Math.min(pages.size(), from + GROUP_PER_ENGINE * engines));
                for (int w = 0; w < ways.size(); w++) {
                    for (int at = 0; at < 2; at++) {
                        Reading reading = at == 0 ? measure(group, 1, ways.get(w).oneAtATime())
                                : measure(group, engines, ways.get(w).severalAtATime());
                        seconds[w][at] += reading.seconds();
                        for (int i = 0; i < group.size(); i++) {
                            texts[w][at][from + i] = reading.texts().get(i);
                        }
                    }
                }
                steps(engine, group, stages);
            }
        }
        Reading[][] readings = new Reading[ways.size()][2];
        for (int w = 0; w < ways.size(); w++) {
            for (int at = 0; at < 2; at++) {
                readings[w][at] = new Reading(seconds[w][at], List.of(texts[w][at]));
            }
        }
        return report(pages, engines, ways, readings, Arrays.stream(stages).map(ms -> ms / pages.size()).toArray());
    }

    /** Prints the pages/s of each way ([way][0] one at a time, [1] several), the ratios and the error rates. */
    private static List<String> report(List<Page> pages, int engines, List<Way> ways, Reading[][] best,
                                       double[] stages) {
        System.out.printf("%-46s %14s %14s %8s%n", "pages/s, ways interleaved by groups of " + GROUP_PER_ENGINE
                * engines + " pages", "1 at a time", engines + " at a time", engines + "/1");
        for (int w = 0; w < ways.size(); w++) {
            System.out.printf("%-46s %14.3f %14.3f %8.2f%n", ways.get(w).name(), pace(pages, best[w][0]),
                    pace(pages, best[w][1]), best[w][0].seconds() / best[w][1].seconds());
        }
        ratio("Axle / CLI OCR only", best[0], best[1]);
        ratio("Axle / CLI OSD then OCR", best[0], best[2]);
        System.out.printf("Axle, where a page's time goes on 1 engine (mean ms): decode %.0f, grey %.0f, OSD %.0f,"
                + " deskew %.0f, recognition %.0f; recognition alone %.3f pages/s, %.2f × the CLI's OCR only%n",
                stages[0], stages[1], stages[2], stages[3], stages[4], 1000 / stages[4],
                1000 / stages[4] / pace(pages, best[1][0]));
        System.out.printf("%-46s %14s %14s%n", "character error rate", "mean", "max");
        cer("Axle TextExtractor (1 engine)", pages, best[0][0].texts());
        cer("Axle TextExtractor (" + engines + " engines)", pages, best[0][1].texts());
        cer("tesseract CLI", pages, best[1][0].texts());
        for (int i = 0; i < pages.size(); i++) {
            double rate = characterErrorRate(pages.get(i).document().text(), best[0][0].texts().get(i));
            if (rate > POOR_PAGE) {
                PageText read = GEOMETRY.get(pages.get(i).file());
                System.out.printf("  Axle page %d (%s, %d dpi): error rate %.1f%%, %d characters read, turned %d°,"
                        + " deskew %.2f°; the CLI %.1f%%%n", i + 1, pages.get(i).document().type(),
                        pages.get(i).dpi(), 100 * rate, read.text().length(), read.rotation(), read.deskew(),
                        100 * characterErrorRate(pages.get(i).document().text(), best[1][0].texts().get(i)));
            }
        }
        return best[0][0].texts();
    }

    /**
     * The extractor's steps for each page timed apart on one engine, as its OCR pool runs them: milliseconds of
     * decoding the file, turning it grey, orientation detection, deskew (angle and rotation) and recognition, added
     * to {@code total}.
     */
    private static void steps(TesseractEngine engine, List<Page> pages, double[] total) throws IOException {
        for (Page page : pages) {
            long[] at = new long[STEPS + 1];
            at[0] = System.nanoTime();
            BufferedImage scan = ImageIO.read(page.file().toFile());
            at[1] = System.nanoTime();
            BufferedImage grey = ScanGeometry.grey(scan);
            at[2] = System.nanoTime();
            BufferedImage upright = ScanGeometry.turn(grey, engine.uprightTurn(grey, page.dpi()));
            at[3] = System.nanoTime();
            double angle = ScanGeometry.deskewAngle(upright);
            BufferedImage level = angle == 0 ? upright : ScanGeometry.rotate(upright, angle);
            at[4] = System.nanoTime();
            engine.read(level, page.dpi());
            at[5] = System.nanoTime();
            for (int step = 0; step < STEPS; step++) {
                total[step] += (at[step + 1] - at[step]) / 1e6;
            }
        }
    }

    private static String axle(TextExtractor extractor, Page page) {
        PageText read = extractor.extract(page.file(), ExtractionProgress.NONE).get(0);
        GEOMETRY.put(page.file(), read);
        return read.text();
    }

    /** One {@code tesseract} process for the page (two with orientation detection first); the text it printed. */
    private static String cli(Page page, boolean orientationFirst) throws IOException, InterruptedException {
        if (orientationFirst) {
            run(List.of("tesseract", page.file().toString(), "stdout", "--psm", "0", "-l", "osd"));
        }
        return run(List.of("tesseract", page.file().toString(), "stdout", "-l", LANGUAGES));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        Process process = builder.start();
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
        return out;
    }

    /** Every page read once by {@code threads} threads taking the next page as they finish one. */
    private static Reading measure(List<Page> pages, int threads, PageReader reader) throws Exception {
        String[] texts = new String[pages.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<Void>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < pages.size(); i = next.getAndIncrement()) {
                        texts[i] = reader.read(pages.get(i));
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : workers) {
                worker.get();
            }
            return new Reading((System.nanoTime() - start) / 1e9, List.of(texts));
        } finally {
            pool.shutdownNow();
        }
    }

    private static double pace(List<Page> pages, Reading reading) {
        return pages.size() / reading.seconds();
    }

    private static void ratio(String label, Reading[] axle, Reading[] cli) {
        System.out.printf("%-46s %14.2f %14.2f%n", label, cli[0].seconds() / axle[0].seconds(),
                cli[1].seconds() / axle[1].seconds());
    }

    private static void cer(String label, List<Page> pages, List<String> texts) {
        double[] rates = new double[pages.size()];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = characterErrorRate(pages.get(i).document().text(), texts.get(i));
        }
        System.out.printf("%-46s %13.2f%% %13.2f%%%n", label, 100 * Arrays.stream(rates).average().orElse(0),
                100 * Arrays.stream(rates).max().orElse(0));
    }

    // ---- the scanned pages ----

    /** The corpus documents with known fields first, then the others; beyond the corpus, again at another dpi. */
    private static List<Page> scans(Path dir, int count) throws IOException {
        List<Labelled> corpus = new ArrayList<>(GeneratedCorpus.documents());
        corpus.sort(Comparator.comparing(d -> d.fields().isEmpty()));
        Font font = GeneratedDocuments.dejaVu();
        List<Page> pages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Labelled document = corpus.get(i % corpus.size());
            int dpi = RESOLUTIONS[(i + i / corpus.size()) % RESOLUTIONS.length];
            Path file = dir.resolve("page-%03d.png".formatted(i + 1));
            Files.write(file, pngAtScanResolution(noisy(a4(document.text(), font, dpi), SPECKLE, i), dpi));
            pages.add(new Page(file, document, dpi));
        }
        return pages;
    }

    /** The text drawn on a white A4 page at {@code dpi}, one-inch margins, lines too long wrapped at a space. */
    private static BufferedImage a4(String text, Font dejaVu, int dpi) {
        int width = Math.round(A4_WIDTH_INCHES * dpi);
        BufferedImage image = new BufferedImage(width, Math.round(A4_HEIGHT_INCHES * dpi),
                BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(dejaVu.deriveFont(FONT_POINTS * dpi / 72f));
        FontMetrics metrics = g.getFontMetrics();
        int lineHeight = Math.round(metrics.getHeight() * 1.4f);
        int y = dpi + lineHeight;
        for (String line : wrapped(text, metrics, width - 2 * dpi)) {
            g.drawString(line, dpi, y);
            y += lineHeight;
        }
        g.dispose();
        return image;
    }

    private static List<String> wrapped(String text, FontMetrics metrics, int maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String line : text.strip().split("\n")) {
            String rest = line.stripTrailing();
            while (metrics.stringWidth(rest) > maxWidth && rest.lastIndexOf(' ') > 0) {
                int cut = rest.lastIndexOf(' ');
                while (cut > 0 && metrics.stringWidth(rest.substring(0, cut)) > maxWidth) {
                    cut = rest.lastIndexOf(' ', cut - 1);
                }
                if (cut <= 0) {
                    break;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut + 1);
            }
            lines.add(rest);
        }
        return lines;
    }

    // ---- 2. accuracy ----

    private static void accuracy(List<Page> pages, List<String> ocrTexts) throws IOException {
        List<Labelled> corpus = GeneratedCorpus.documents();
        List<Labelled> scanned = pages.stream().map(Page::document).toList();
        List<String> corpusTexts = corpus.stream().map(Labelled::text).toList();
        LanguageIdentifier languages = new LanguageIdentifier();
        FieldExtractor fields = new FieldExtractor(ConfidenceThresholds.defaults());
        RuleClassifier rules = new RuleClassifier(TypeRules.defaults());

        System.out.printf("%n--- Accuracy on the generated set: the corpus (%d documents, %d types, fr and en) and the"
                + " text Axle read from its %d scans ---%n", corpus.size(), TypeRules.DEFAULT_TYPES.size(),
                pages.size());
        System.out.printf("%-62s %16s %16s%n", "", "corpus text", "OCR of the scans");
        answerRow("language right", corpus, corpusTexts, scanned, ocrTexts, t -> languages.detect(t).language(),
                Labelled::language);
        FieldScore onText = fields(corpus, corpusTexts,
                (d, t) -> fields.extract(List.of(t), d.type(), d.language()));
        FieldScore onOcr = fields(scanned, ocrTexts, (d, t) -> fields.extract(List.of(t), d.type(), d.language()));
        fieldRows("fields, knowing type and language", onText, onOcr);
        onOcr.misses().forEach(miss -> System.out.println("  page " + miss));
        try (LearnedClassifier empty = new LearnedClassifier(new ByteBuffersDirectory(),
                DocumentClassifier.DEFAULT_K)) {
            DocumentUnderstanding understanding = new DocumentUnderstanding(languages,
                    new DocumentClassifier(rules, empty), ConfidenceThresholds.defaults());
            fieldRows("fields, language and type found first",
                    fields(corpus, corpusTexts, (d, t) -> understanding.understand(List.of(t)).fields()),
                    fields(scanned, ocrTexts, (d, t) -> understanding.understand(List.of(t)).fields()));
        }
        answerRow("type right, rules alone", corpus, corpusTexts, scanned, ocrTexts, t -> rules.classify(t).type(),
                Labelled::type);
        classificationAfterCorrections(rules, corpus);
    }

    /** Prints how often {@code answer} matches {@code truth} on the corpus and on the scans, then each scan missed. */
    private static void answerRow(String label, List<Labelled> corpus, List<String> corpusTexts, List<Labelled> scanned,
                                  List<String> ocrTexts, Function<String, String> answer,
                                  Function<Labelled, String> truth) {
        TextCheck right = (document, text) -> answer.apply(text).equals(truth.apply(document));
        System.out.printf("%-62s %16s %16s%n", label, share(corpus, corpusTexts, right),
                share(scanned, ocrTexts, right));
        for (int i = 0; i < scanned.size(); i++) {
            if (!right.holds(scanned.get(i), ocrTexts.get(i))) {
                System.out.printf("  page %d (%s, %s): %s%n", i + 1, scanned.get(i).type(), scanned.get(i).language(),
                        answer.apply(ocrTexts.get(i)));
            }
        }
    }

    /** A check on a document and the text read of it. */
    @FunctionalInterface
    interface TextCheck {
        boolean holds(Labelled document, String text);
    }

    /** A way of reading the fields of a document from a text. */
    @FunctionalInterface
    interface FieldReader {
        List<ExtractedField> read(Labelled document, String text);
    }

    private static String share(List<Labelled> documents, List<String> texts, TextCheck check) {
        int right = 0;
        for (int i = 0; i < documents.size(); i++) {
            if (check.holds(documents.get(i), texts.get(i))) {
                right++;
            }
        }
        return "%d/%d = %.3f".formatted(right, documents.size(), (double) right / documents.size());
    }

    private static FieldScore fields(List<Labelled> documents, List<String> texts, FieldReader reader) {
        int expected = 0;
        int found = 0;
        int right = 0;
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            Map<String, String> truth = documents.get(i).fields();
            if (truth.isEmpty()) {
                continue;
            }
            Map<String, String> read = reader.read(documents.get(i), texts.get(i)).stream()
                    .collect(Collectors.toMap(ExtractedField::name, ExtractedField::value, (a, b) -> a));
            for (Map.Entry<String, String> field : truth.entrySet()) {
                expected++;
                String value = read.get(field.getKey());
                if (value != null) {
                    found++;
                }
                if (field.getValue().equals(value)) {
                    right++;
                } else {
                    misses.add("%d (%s) %s: read %s, expected %s".formatted(i + 1, documents.get(i).type(),
                            field.getKey(), value == null ? "nothing" : value, field.getValue()));
                }
            }
        }
        return new FieldScore(expected, found, right, misses);
    }

    private static void fieldRows(String label, FieldScore onText, FieldScore onOcr) {
        System.out.printf("%-62s %16s %16s%n", label + ": precision",
                "%d/%d = %.3f".formatted(onText.right(), onText.found(), onText.precision()),
                "%d/%d = %.3f".formatted(onOcr.right(), onOcr.found(), onOcr.precision()));
        System.out.printf("%-62s %16s %16s%n", label + ": recall",
                "%d/%d = %.3f".formatted(onText.right(), onText.expected(), onText.recall()),
                "%d/%d = %.3f".formatted(onOcr.right(), onOcr.expected(), onOcr.recall()));
    }

    /**
     * Rules, then rules and learning after k corrections of each unknown wording (the first k documents of each kind
     * labelled with their true type), measured on the held-out documents of those kinds and on the corpus.
     */
    private static void classificationAfterCorrections(RuleClassifier rules, List<Labelled> corpus)
            throws IOException {
        List<UnknownWordings.Kind> kinds = UnknownWordings.kinds(PER_KIND);
        List<Labelled> heldOut = kinds.stream().flatMap(kind -> kind.documents()
                .subList(PER_KIND - HELD_OUT_PER_KIND, PER_KIND).stream()).toList();
        List<String> heldOutTexts = heldOut.stream().map(Labelled::text).toList();
        List<String> corpusTexts = corpus.stream().map(Labelled::text).toList();
        System.out.printf("%n--- Classification of %d kinds of document whose wording the rules do not know (%s),"
                + " %d held out ---%n", kinds.size(), kinds.stream().map(k -> k.name() + " → "
                + k.documents().get(0).type()).collect(Collectors.joining(", ")), heldOut.size());
        System.out.printf("%-62s %16s %16s%n", "type right", "held out", "corpus");
        System.out.printf("%-62s %16s %16s%n", "rules alone",
                share(heldOut, heldOutTexts, (d, t) -> rules.classify(t).type().equals(d.type())),
                share(corpus, corpusTexts, (d, t) -> rules.classify(t).type().equals(d.type())));
        for (int k : CORRECTIONS) {
            try (LearnedClassifier learned = new LearnedClassifier(new ByteBuffersDirectory(),
                    DocumentClassifier.DEFAULT_K)) {
                DocumentClassifier classifier = new DocumentClassifier(rules, learned);
                kinds.forEach(kind -> kind.documents().subList(0, k)
                        .forEach(d -> classifier.learn(d.text(), d.type())));
                System.out.printf("%-62s %16s %16s%n", "rules + learned after %d corrections of each kind (%d)"
                                .formatted(k, k * kinds.size()),
                        share(heldOut, heldOutTexts, (d, t) -> classifier.classify(t).type().equals(d.type())),
                        share(corpus, corpusTexts, (d, t) -> classifier.classify(t).type().equals(d.type())));
            }
        }
    }

    /** Documents in wordings the rules do not know, or take for another type, with the type they truly are. */
    static final class UnknownWordings {

        private static final String[] NAMES = {"Transports Leroy", "Atelier Bernard", "Boulangerie Petit",
            "Cars du Rhône", "SCI Les Tilleuls", "Menuiserie Roux", "Fleurs Garnier", "Taxi Morel", "Ambulances Faure",
            "Plomberie Girard"};
        private static final String[] EN_NAMES = {"Acme Fleet Services", "Baker & Sons", "Cityline Cabs",
            "Greenway Couriers", "Harbour Removals", "Oakwood Joinery", "Riverside Dental", "Summit Scaffolding",
            "Westfield Florists", "Kingsway Plumbing"};
        private static final String[] DE_NAMES = {"Bäckerei Huber", "Taxi Schneider", "Schreinerei Wolf",
            "Blumen Krause", "Spedition Braun", "Praxis Dr. Fischer", "Elektro Weber", "Malerbetrieb Schulz",
            "Autohaus Becker", "Gärtnerei Hoffmann"};
        private static final String[] WORKS = {"remplacement des plaquettes avant", "changement courroie de "
            + "distribution", "remplacement embrayage", "géométrie et pneus avant", "vidange et filtres",
            "pneus arrière", "disques et plaquettes", "batterie", "amortisseurs", "échappement"};
        private static final String[] GOODS = {"printer paper", "brake discs", "coffee beans", "floor tiles",
            "LED bulbs", "engine oil", "office chairs", "garden tools"};

        private UnknownWordings() {
        }

        private static String lines(List<String> lines) {
            return String.join("\n", lines);
        }

        /** Documents of one wording, all of the same true type. */
        record Kind(String name, List<Labelled> documents) {
        }

        /** {@code count} documents of each kind, each with its own names, numbers, work and amounts. */
        static List<Kind> kinds(int count) {
            List<Labelled> sheets = new ArrayList<>();
            List<Labelled> fees = new ArrayList<>();
            List<Labelled> deliveries = new ArrayList<>();
            List<Labelled> leases = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String amount = "%d,%02d".formatted(120 + 37 * i, (13 * i) % 100);
                String day = "%02d".formatted(i % 28 + 1);
                sheets.add(new Labelled(lines(List.of(
                        "Garage des Alpes — %s".formatted(NAMES[i % NAMES.length]),
                        "Fiche atelier n° %d".formatted(300 + i),
                        "Véhicule AB-%03d-CD, Peugeot 308, entrée le %s/03/2026".formatted(100 + i, day),
                        "Travaux effectués : %s".formatted(WORKS[i % WORKS.length]),
                        "Technicien : poste %d, contrôle qualité par le chef d'atelier".formatted(i % 4 + 1),
                        "Temps passé : %d h, restitution du véhicule au client après essai routier"
                                .formatted(i % 5 + 1),
                        "Total TTC : %s €".formatted(amount),
                        "Facture établie à la restitution du véhicule.")), "repair-order", "fr", Map.of()));
                fees.add(new Labelled(lines(List.of(
                        "Cabinet Renaud & Associés — Experts-comptables",
                        "Note d'honoraires n° H-%d".formatted(700 + i),
                        "Client : %s".formatted(NAMES[(i + 3) % NAMES.length]),
                        "Mission : tenue de la comptabilité et établissement des comptes annuels %d"
                                .formatted(2020 + i % 6),
                        "Honoraires : %s € HT, TVA 20 %%, montant dû à réception".formatted(amount),
                        "Règlement par chèque ou par virement, merci de rappeler la référence.")), "invoice", "fr",
                        Map.of()));
                deliveries.add(new Labelled(lines(List.of(
                        "Greenway Couriers — proof of delivery",
                        "Consignment GW-%d, collected from %s".formatted(5100 + i, EN_NAMES[i % EN_NAMES.length]),
                        "Handed over on %s March 2026 at %d:%02d to %s".formatted(day, 8 + i % 9, (7 * i) % 60,
                                EN_NAMES[(i + 4) % EN_NAMES.length]),
                        "Items: %d boxes of %s, none missing, none damaged".formatted(i % 6 + 2,
                                GOODS[i % GOODS.length]),
                        "Driver: route %d, van %02d. Recipient's name and signature taken on the handheld."
                                .formatted(i % 7 + 1, i))), "delivery-note", "en", Map.of()));
                leases.add(new Labelled(lines(List.of(
                        "Mietvertrag für ein Kraftfahrzeug Nr. MV-%d".formatted(900 + i),
                        "Vermieter: Autovermietung Keller GmbH, München",
                        "Mieter: %s".formatted(DE_NAMES[i % DE_NAMES.length]),
                        "Fahrzeug: VW Golf, amtliches Kennzeichen M-AK %d".formatted(1000 + i),
                        "Mietdauer %d Monate ab dem %s.04.2026, Mietzins monatlich %s EUR".formatted(i % 12 + 6, day,
                                amount),
                        "Die Vertragsparteien vereinbaren die Rückgabe mit vollem Tank.")), "contract", "de",
                        Map.of()));
            }
            return List.of(new Kind("French garage work sheet", sheets), new Kind("French fee note", fees),
                    new Kind("English proof of delivery", deliveries), new Kind("German lease", leases));
        }
    }
}
