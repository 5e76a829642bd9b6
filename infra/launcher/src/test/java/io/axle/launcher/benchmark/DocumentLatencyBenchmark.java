package io.axle.launcher.benchmark;

import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.AxleClient.Part;
import io.axle.launcher.e2e.PipelineDocuments;
import io.axle.launcher.e2e.RunningAxle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.springframework.util.FileSystemUtils;

/**
 * Upload-to-searchable latency on the booted application: the time from the start of {@code POST /api/v1/documents}
 * until {@code GET /api/v1/documents/search} finds a number written only in that document, for a one-page scan (PNG,
 * read by OCR) and a ten-page PDF with a text layer (the number on its last page), one document at a time. Beside
 * each, in the same run and on the same files, the command-line tool that does the reading alone: {@code tesseract}
 * for the scan, {@code pdftotext} for the PDF; the ratio says what the pipeline around the reading costs.
 *
 * <p>Run with {@code scripts/benchmark.sh documents-latency [documents=10]}.
 */
public final class DocumentLatencyBenchmark {

    private static final long PATIENCE_MS = 120_000;

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dataDir = Files.createTempDirectory("axle-documents-latency");
        Path files = Files.createTempDirectory("axle-documents-latency-files");
        Random random = new Random(42);
        try (RunningAxle axle = RunningAxle.start(dataDir, Map.of())) {
            AxleClient admin = axle.admin();
            warmUp(admin, random, files);

            double[] scanMs = new double[documents];
            double[] tesseractMs = new double[documents];
            double[] pdfMs = new double[documents];
            double[] pdftotextMs = new double[documents];
            for (int i = 0; i < documents; i++) {
                String scanNumber = number(random);
                byte[] scan = PipelineDocuments.png(PipelineDocuments.scan(lines(scanNumber)));
                scanMs[i] = uploadUntilFound(admin, "scan-" + i + ".png", "image/png", scan, scanNumber);
                tesseractMs[i] = cli(files, "scan.png", scan, List.of("tesseract", "scan.png", "-", "-l",
                        "eng+fra+deu"));

                String pdfNumber = number(random);
                byte[] pdf = PipelineDocuments.textPdfPages(tenPages(pdfNumber));
                pdfMs[i] = uploadUntilFound(admin, "report-" + i + ".pdf", "application/pdf", pdf, pdfNumber);
                pdftotextMs[i] = cli(files, "report.pdf", pdf, List.of("pdftotext", "report.pdf", "-"));
            }

            System.out.println();
            System.out.printf("Document upload-to-searchable benchmark (%d documents of each kind, one at a time, "
                    + "%d cores)%n", documents, Runtime.getRuntime().availableProcessors());
            print("one-page scan (OCR)", scanMs, "tesseract CLI, same page", tesseractMs);
            print("ten-page text PDF", pdfMs, "pdftotext CLI, same file", pdftotextMs);
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
            FileSystemUtils.deleteRecursively(files.toFile());
        }
        System.exit(0);
    }

    /** One document of each kind, not measured: the first OCR loads the engines' data, the first search opens. */
    private static void warmUp(AxleClient admin, Random random, Path files) throws Exception {
        String number = number(random);
        uploadUntilFound(admin, "warm-up.png", "image/png",
                PipelineDocuments.png(PipelineDocuments.scan(lines(number))), number);
        String other = number(random);
        uploadUntilFound(admin, "warm-up.pdf", "application/pdf", PipelineDocuments.textPdfPages(tenPages(other)),
                other);
        cli(files, "scan.png", PipelineDocuments.png(PipelineDocuments.scan(lines(number))),
                List.of("tesseract", "scan.png", "-", "-l", "eng+fra+deu"));
    }

    private static double uploadUntilFound(AxleClient admin, String fileName, String mediaType, byte[] bytes,
                                           String number) throws InterruptedException {
        long start = System.nanoTime();
        Answer uploaded = admin.postMultipart("/api/v1/documents", List.of(Part.file("file", fileName, mediaType,
                bytes)));
        if (uploaded.status() != 202) {
            throw new IllegalStateException("upload refused: " + uploaded.raw().body());
        }
        String documentId = uploaded.body().get("documentId").asText();
        while (true) {
            Answer hits = admin.get("/api/v1/documents/search?q=" + number);
            if (hits.status() == 200 && hits.body().get("totalElements").asLong() > 0) {
                return (System.nanoTime() - start) / 1e6;
            }
            if ((System.nanoTime() - start) / 1_000_000 > PATIENCE_MS) {
                throw new IllegalStateException("document " + documentId + " not found by " + number + " after "
                        + PATIENCE_MS + " ms: " + admin.get("/api/v1/documents/" + documentId).raw().body());
            }
            Thread.sleep(20);
        }
    }

    /** The time the command line takes on the same file, written to {@code folder} first (not timed). */
    private static double cli(Path folder, String name, byte[] bytes, List<String> command)
            throws IOException, InterruptedException {
        Files.write(folder.resolve(name), bytes);
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(command + " ended with " + exit);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static String number(Random random) {
        return String.valueOf(10_000_000 + random.nextInt(89_999_999));
    }

    private static List<String> lines(String number) {
        List<String> lines = new ArrayList<>(PipelineDocuments.INVOICE);
        lines.add("Dossier " + number);
        return lines;
    }

    private static List<List<String>> tenPages(String number) {
        List<List<String>> pages = new ArrayList<>();
        for (int page = 1; page <= 10; page++) {
            List<String> lines = new ArrayList<>();
            lines.add("Rapport d'activité — page " + page + " de 10");
            for (int line = 0; line < 30; line++) {
                lines.add("Ligne " + line + " : entretien, réparations et contrôles des véhicules de la flotte.");
            }
            if (page == 10) {
                lines.add("Dossier " + number);
            }
            pages.add(lines);
        }
        return pages;
    }

    private static void print(String what, double[] axle, String peerName, double[] peer) {
        Function<double[], double[]> sorted = values -> {
            double[] copy = values.clone();
            Arrays.sort(copy);
            return copy;
        };
        double[] a = sorted.apply(axle);
        double[] p = sorted.apply(peer);
        System.out.printf("  %-22s p50 %7.0f ms  p95 %7.0f ms   %-26s p50 %6.0f ms   ratio p50 %.1f%n", what,
                percentile(a, 50), percentile(a, 95), peerName, percentile(p, 50),
                percentile(a, 50) / percentile(p, 50));
    }

    private static double percentile(double[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
