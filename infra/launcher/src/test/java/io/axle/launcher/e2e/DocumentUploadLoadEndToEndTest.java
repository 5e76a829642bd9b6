package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Twenty uploads of 50 MB at once on Axle running in its own JVM with a heap of {@value #HEAP_MB} MB: each is
 * answered 202 with its own document, the process stays up and healthy, and every original comes back byte for byte
 * (SHA-256 of what was sent against what is served, read one after the other). The files are generated as they are
 * sent, never held in memory or written to disk by the test: a small valid PDF whose one page says which upload it
 * is, padded to 50 MB with an unreferenced stream of pseudo-random bytes. A gigabyte in all passes through a heap of a
 * quarter of that, so no upload may be held whole. The heap is sampled through {@code /actuator/metrics} meanwhile,
 * and measured after a full collection before and after the load (which may keep at most 64 MB more); the figures are
 * printed (and recorded in docs/documents.md).
 */
class DocumentUploadLoadEndToEndTest {

    private static final int HEAP_MB = 256;
    private static final int UPLOADS = 20;
    private static final long SIZE = 50L * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twentyConcurrentUploadsOf50MegabytesKeepTheProcessWithinItsHeap() throws Exception {
        Path dataDir = AxleProcess.tempDataDir("axle-e2e-upload-load");
        ExecutorService clients = Executors.newFixedThreadPool(UPLOADS);
        try (AxleProcess axle = AxleProcess.start(dataDir, AxleProcess.freePort(), Map.of(),
                List.of("-Xmx" + HEAP_MB + "m", "-XX:+ExitOnOutOfMemoryError"))) {
            String token = axle.admin().token();
            HeapWatch heap = new HeapWatch(axle.baseUrl(), token);
            heap.start();
            long idle = heapAfterFullCollection(axle, token);

            long started = System.nanoTime();
            List<Future<Uploaded>> sending = new ArrayList<>();
            for (int i = 0; i < UPLOADS; i++) {
                int upload = i;
                sending.add(clients.submit(() -> upload(axle.baseUrl(), token, upload)));
            }
            List<Uploaded> uploads = new ArrayList<>();
            for (Future<Uploaded> upload : sending) {
                uploads.add(upload.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
            long uploadPeak = heap.peak();
            long uploadSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

            assertThat(uploads).extracting(Uploaded::status).as(uploads.toString()).containsOnly(202);
            assertThat(uploads).extracting(Uploaded::documentId).doesNotContainNull().doesNotHaveDuplicates();
            assertThat(uploads).extracting(Uploaded::duplicate).containsOnly(false);
            assertThat(axle.alive()).as("the process is alive").isTrue();
            assertThat(get(axle.baseUrl() + "/actuator/health", token).statusCode()).isEqualTo(200);

            // one after the other: API reads take turns (one permit fewer than the cores), and a turn waits 10 s
            for (int i = 0; i < UPLOADS; i++) {
                assertThat(downloadSha256(axle.baseUrl(), token, uploads.get(i).documentId()))
                        .as("original of upload " + i).isEqualTo(uploads.get(i).sha256());
            }
            heap.stop();
            long after = heapAfterFullCollection(axle, token);

            assertThat(axle.alive()).as("the process is alive").isTrue();
            assertThat(axle.log()).doesNotContain("OutOfMemoryError");
            assertThat(heap.samples()).as("heap samples taken").isGreaterThan(5);
            assertThat(after - idle).as("heap kept after the uploads, beyond what was in use before")
                    .isLessThan(64L << 20);
            System.out.printf("%d concurrent uploads of %d MB answered within %d s; with -Xmx%dm: heap in use at most"
                            + " %d MB while uploading (%d MB with the downloads after), live data after a major"
                            + " collection at most %d MB; after a full collection %d MB before the uploads and %d MB"
                            + " after them (%d samples)%n", UPLOADS, SIZE >> 20, uploadSeconds, HEAP_MB,
                    uploadPeak >> 20, heap.peak() >> 20, heap.live() >> 20, idle >> 20, after >> 20, heap.samples());
        } finally {
            clients.shutdownNow();

            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
    }

    @Test
    void theGeneratedFileIsAValidPdfOfExactlyItsSizeThatSaysWhichUploadItIs() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (InputStream pdf = new PaddedPdf(7, 64 * 1024)) {
            pdf.transferTo(bytes);
        }
        assertThat(bytes.size()).isEqualTo(64 * 1024);
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(bytes.toByteArray())) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains("Load test upload 7");
        }
        java.io.ByteArrayOutputStream other = new java.io.ByteArrayOutputStream();
        try (InputStream pdf = new PaddedPdf(8, 64 * 1024)) {
            pdf.transferTo(other);
        }
        assertThat(other.toByteArray()).isNotEqualTo(bytes.toByteArray());
    }

    /** Upload {@code n}, streamed from its generator; answers the status, the document and the SHA-256 sent. */
    private Uploaded upload(String baseUrl, String token, int n) throws IOException, InterruptedException {
        String boundary = "axle-load-" + n;
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"load-" + n
                + ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        MessageDigest digest = sha256();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/documents"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(head),
                                new DigestInputStream(new PaddedPdf(n, SIZE), digest),
                                new ByteArrayInputStream(tail))))), head.length + SIZE + tail.length))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String sent = HexFormat.of().formatHex(digest.digest());
        JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
        return new Uploaded(response.statusCode(), body == null || !body.has("documentId") ? null
                : body.get("documentId").asText(), body != null && body.path("duplicate").asBoolean(), sent,
                response.statusCode() == 202 ? "" : response.body());
    }

    /** The SHA-256 of document {@code documentId}'s original as served, read as a stream. */
    private String downloadSha256(String baseUrl, String token, String documentId)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/api/v1/documents/" + documentId + "/original")).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream problem = response.body()) {
                throw new AssertionError("GET original of " + documentId + ": " + response.statusCode() + " "
                        + new String(problem.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        MessageDigest digest = sha256();
        try (InputStream bytes = new DigestInputStream(response.body(), digest)) {
            bytes.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The heap in use right after a full collection: what the process holds. */
    private long heapAfterFullCollection(AxleProcess axle, String token) throws IOException, InterruptedException {
        axle.collectGarbage();
        HttpResponse<String> answer = get(axle.baseUrl() + "/actuator/metrics/jvm.memory.used?tag=area:heap", token);
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body()).at("/measurements/0/value").asLong();
    }

    private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Uploaded(int status, String documentId, boolean duplicate, String sha256, String problem) {
    }

    /**
     * Samples every 200 ms the heap in use ({@code jvm.memory.used}, area heap: garbage not yet collected included,
     * so an upper bound) and the live data the last major collection left ({@code jvm.gc.live.data.size}: what the
     * process really holds), and keeps the largest of each.
     */
    private final class HeapWatch {

        private final String base;
        private final String token;
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong live = new AtomicLong();
        private final AtomicLong samples = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        HeapWatch(String baseUrl, String token) {
            this.base = baseUrl + "/actuator/metrics/";
            this.token = token;
            this.thread = new Thread(this::watch, "heap-watch");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }

        long peak() {
            return peak.get();
        }

        long live() {
            return live.get();
        }

        long samples() {
            return samples.get();
        }

        private void watch() {
            while (running) {
                try {
                    long used = sample("jvm.memory.used?tag=area:heap");
                    if (used >= 0) {
                        peak.accumulateAndGet(used, Math::max);
                        live.accumulateAndGet(sample("jvm.gc.live.data.size"), Math::max);
                        samples.incrementAndGet();
                    }
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException busy) {
                    // a sample lost under load; the next one is taken
                }
            }
        }

        private long sample(String metric) throws IOException, InterruptedException {
            HttpResponse<String> answer = get(base + metric, token);
            return answer.statusCode() == 200 ? JSON.readTree(answer.body()).at("/measurements/0/value").asLong() : -1;
        }
    }

    /**
     * A valid one-page PDF of exactly {@code size} bytes, generated as it is read: the page says "Load test upload n",
     * then an object no page uses holds pseudo-random bytes (seeded by {@code n}, so each upload is different and
     * incompressible), then the cross-reference table. The bytes are never all in memory.
     */
    static final class PaddedPdf extends InputStream {

        private final byte[] head;
        private final byte[] tail;
        private final long padding;
        private final SplittableRandom random;
        private long position;

        PaddedPdf(int n, long size) {
            String text = "BT /F1 18 Tf 72 760 Td (Load test upload " + n + " of many, padded to fill its size) Tj ET";
            List<String> objects = List.of(
                    "<< /Type /Catalog /Pages 2 0 R >>",
                    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                            + " /Resources << /Font << /F1 5 0 R >> >> >>",
                    "<< /Length " + text.length() + " >>\nstream\n" + text + "\nendstream",
                    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
            StringBuilder pdf = new StringBuilder("%PDF-1.7\n");
            List<Integer> offsets = new ArrayList<>();
            for (int i = 0; i < objects.size(); i++) {
                offsets.add(pdf.length());
                pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
            }
            offsets.add(pdf.length());
            String trailerStart = "\nendstream\nendobj\n";
            // the padding's length is written with a fixed width, so that it can be known before the padding
            String paddingHeader = "6 0 obj\n<< /Length %012d >>\nstream\n";
            int fixed = pdf.length() + String.format(paddingHeader, 0).length() + trailerStart.length();
            StringBuilder xref = new StringBuilder("xref\n0 7\n0000000000 65535 f \n");
            for (int offset : offsets) {
                xref.append(String.format("%010d 00000 n \n", offset));
            }
            String trailerEnd = "trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n%012d\n%%%%EOF\n";
            int trailerLength = xref.length() + String.format(trailerEnd, 0).length();
            this.padding = size - fixed - trailerLength;
            if (padding < 0) {
                throw new IllegalArgumentException("a PDF of " + size + " bytes is too small");
            }
            pdf.append(String.format(paddingHeader, padding));
            this.head = pdf.toString().getBytes(StandardCharsets.US_ASCII);
            long xrefAt = head.length + padding + trailerStart.length();
            this.tail = (trailerStart + xref + String.format(trailerEnd, xrefAt)).getBytes(StandardCharsets.US_ASCII);
            this.random = new SplittableRandom(n);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            long total = head.length + padding + tail.length;
            if (position >= total) {
                return -1;
            }
            int count = (int) Math.min(length, total - position);
            for (int i = 0; i < count; i++, position++) {
                if (position < head.length) {
                    buffer[offset + i] = head[(int) position];
                } else if (position < head.length + padding) {
                    buffer[offset + i] = (byte) random.nextInt(256);
                } else {
                    buffer[offset + i] = tail[(int) (position - head.length - padding)];
                }
            }
            return count;
        }
    }
}
