package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.AxleClient.Download;
import io.axle.launcher.e2e.AxleClient.Part;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

/**
 * Uploading documents on the booted application: a PDF made with PDFBox and a PNG come back byte for byte, the same
 * bytes again answer the same document as a duplicate, ten uploads of the same new bytes at once make one document,
 * what is not a document is refused with its problem (415 for a text file named .pdf, 413 over the limit, which this
 * test sets to 256 KB, 400 for an empty file), and analysts read documents but do not upload them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentUploadEndToEndTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String TAG = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    /** The tag of the first test's documents only, which its list check expects alone. */
    private static final String LISTED = "listed-" + UUID.randomUUID().toString().substring(0, 8);

    private Path dataDir;
    private RunningAxle axle;
    private AxleClient admin;

    @BeforeAll
    void boot() throws IOException {
        dataDir = Files.createTempDirectory("axle-e2e-documents");
        axle = RunningAxle.start(dataDir, Map.of("axle.documents.max-size", "256KB"));
        admin = axle.admin();
    }

    @AfterAll
    void shutDown() {
        if (axle != null) {
            axle.close();
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    @Test
    void documentsComeBackByteForByteAndTheSameBytesAnswerTheSameDocument() throws IOException {
        byte[] pdf = pdf("Invoice SO-2026-000042, total 120.00 EUR");
        byte[] png = png();

        Answer uploaded = upload("march.pdf", "application/octet-stream", pdf, "March invoice", LISTED);
        assertThat(uploaded.status()).isEqualTo(202);
        String pdfId = uploaded.body().get("documentId").asText();
        assertThat(uploaded.body().get("duplicate").asBoolean()).isFalse();
        assertThat(uploaded.header("Location")).isEqualTo("/api/v1/documents/" + pdfId);

        Answer scan = upload("scan.png", "image/png", png, null, LISTED);
        assertThat(scan.status()).isEqualTo(202);
        String pngId = scan.body().get("documentId").asText();

        Download original = admin.download("/api/v1/documents/" + pdfId + "/original", "*/*");
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(sha256(original.bytes())).isEqualTo(sha256(pdf));
        Download image = admin.download("/api/v1/documents/" + pngId + "/original", "*/*");
        assertThat(image.header("Content-Type")).isEqualTo("image/png");
        assertThat(sha256(image.bytes())).isEqualTo(sha256(png));

        Answer again = upload("copy-of-march.pdf", "application/pdf", pdf, "Again");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().get("documentId").asText()).isEqualTo(pdfId);
        assertThat(again.body().get("duplicate").asBoolean()).isTrue();

        JsonNode document = awaitDocument(pdfId, 2);
        assertThat(document.get("title").asText()).isEqualTo("March invoice");
        assertThat(document.get("fileName").asText()).isEqualTo("march.pdf");
        assertThat(document.get("mediaType").asText()).isEqualTo("application/pdf");
        assertThat(document.get("size").asLong()).isEqualTo(pdf.length);
        assertThat(document.get("sha256").asText()).isEqualTo(sha256(pdf));
        assertThat(document.get("uploadedBy").asText()).isEqualTo("admin");
        assertThat(uploadSteps(document)).extracting(entry -> entry.get("step").asText() + " " + entry.get("detail")
                .asText()).containsExactly("UPLOADED march.pdf", "DUPLICATE_UPLOADED copy-of-march.pdf");

        await().atMost(SETTLE).untilAsserted(() -> assertThat(
                admin.get("/api/v1/documents?tag=" + LISTED).body().get("content"))
                .extracting(node -> node.get("documentId").asText()).containsExactlyInAnyOrder(pdfId, pngId));
    }

    @Test
    void whatIsNotADocumentIsRefusedWithItsProblem() {
        Answer text = upload("notes.pdf", "application/pdf",
                "Just words, not a PDF.\n".getBytes(StandardCharsets.UTF_8), null);
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.body().get("field").asText()).isEqualTo("file");
        assertThat(text.body().get("rule").asText()).isEqualTo("media-type");

        byte[] large = new byte[300 * 1024];
        new Random(7).nextBytes(large);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, large, 0, 9);
        Answer tooLarge = upload("large.pdf", "application/pdf", large, null);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body().get("field").asText()).isEqualTo("file");
        assertThat(tooLarge.body().get("rule").asText()).isEqualTo("max-size");

        Answer empty = upload("empty.pdf", "application/pdf", new byte[0], null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().get("field").asText()).isEqualTo("file");
        assertThat(empty.body().get("rule").asText()).isEqualTo("not-empty");

        assertThat(axle.anonymous().postMultipart("/api/v1/documents",
                List.of(Part.file("file", "a.pdf", "application/pdf", new byte[] {'%', 'P'}))).status())
                .isEqualTo(401);
    }

    @Test
    void anAnalystReadsDocumentsButMayNotUploadThem() throws IOException {
        byte[] pdf = pdf("Contract " + UUID.randomUUID());
        String documentId = upload("contract.pdf", "application/pdf", pdf, null).body().get("documentId").asText();
        String analyst = "analyst-" + UUID.randomUUID().toString().substring(0, 6);
        Answer created = admin.post("/api/v1/users", Map.of("username", analyst, "password", "analyst-secret-42",
                "roles", List.of("analyst")));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        AxleClient reader = new AxleClient(axle.baseUrl()).signIn(analyst, "analyst-secret-42");

        await().atMost(SETTLE).until(() -> reader.get("/api/v1/documents/" + documentId).status() == 200);
        assertThat(sha256(reader.download("/api/v1/documents/" + documentId + "/original", "*/*").bytes()))
                .isEqualTo(sha256(pdf));
        assertThat(reader.postMultipart("/api/v1/documents",
                List.of(Part.file("file", "other.pdf", "application/pdf", pdf("Other " + UUID.randomUUID()))))
                .status()).isEqualTo(403);
    }

    @Test
    void tenUploadsOfTheSameNewBytesAtOnceMakeOneDocument() throws Exception {
        byte[] pdf = pdf("Delivery note DN-" + UUID.randomUUID());

        List<Answer> answers = Concurrently.race(10, i -> upload("delivery-" + i + ".pdf", "application/pdf", pdf,
                null));

        assertThat(answers).extracting(Answer::status).containsOnly(202);
        assertThat(answers).extracting(answer -> answer.body().get("documentId").asText()).containsOnly(
                answers.get(0).body().get("documentId").asText());
        assertThat(answers).filteredOn(answer -> !answer.body().get("duplicate").asBoolean()).hasSize(1);
        String documentId = answers.get(0).body().get("documentId").asText();
        JsonNode document = awaitDocument(documentId, 10);
        assertThat(uploadSteps(document)).extracting(entry -> entry.get("step").asText())
                .containsOnly("UPLOADED", "DUPLICATE_UPLOADED");
        Download original = admin.download("/api/v1/documents/" + documentId + "/original", "*/*");
        assertThat(original.status()).as(new String(original.bytes(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(sha256(original.bytes())).isEqualTo(sha256(pdf));
    }

    private Answer upload(String fileName, String declaredType, byte[] bytes, String title) {
        return upload(fileName, declaredType, bytes, title, TAG);
    }

    private Answer upload(String fileName, String declaredType, byte[] bytes, String title, String tag) {
        List<Part> parts = title == null
                ? List.of(Part.file("file", fileName, declaredType, bytes), Part.field("tags", tag))
                : List.of(Part.file("file", fileName, declaredType, bytes), Part.field("tags", tag),
                        Part.field("title", title));
        return admin.postMultipart("/api/v1/documents", parts);
    }

    /** The document once its read model shows {@code historyLines} lines of history. */
    /** The document once its history holds {@code uploads} upload lines (the first and its duplicates). */
    private JsonNode awaitDocument(String documentId, int uploads) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(SETTLE).until(() -> {
            Answer answer = admin.get("/api/v1/documents/" + documentId);
            found[0] = answer.body();
            return answer.status() == 200 && uploadSteps(answer.body()).size() == uploads;
        });
        return found[0];
    }

    /** The history lines of the uploads of the document's bytes, oldest first; the pipeline's steps come between. */
    private static List<JsonNode> uploadSteps(JsonNode document) {
        List<JsonNode> steps = new ArrayList<>();
        document.get("history").forEach(entry -> {
            String step = entry.get("step").asText();
            if (step.equals("UPLOADED") || step.equals("DUPLICATE_UPLOADED")) {
                steps.add(entry);
            }
        });
        return steps;
    }

    /** A one-page PDF with {@code text} in its text layer, made with PDFBox. */
    static byte[] pdf(String text) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, 120, 80);
        graphics.setColor(Color.BLACK);
        graphics.drawString("Axle", 10, 40);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
