package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.AxleClient.Part;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;

/**
 * The document pipeline on the booted application, read from each document's own events (the audit trail): a text PDF
 * invoice is read, classified and its fields extracted; a scanned PNG is read by OCR; a damaged PDF ends FAILED with
 * its reason and a dead letter, and a reprocess runs again instead of waiting behind that letter; a type correction has
 * the fields read again; and a process killed with SIGKILL in the middle of a long OCR finishes the document after a
 * restart, each page recorded exactly once.
 */
class DocumentPipelineEndToEndTest {

    private static final Duration SETTLE = Duration.ofSeconds(120);

    static List<JsonNode> events(AxleClient client, String documentId) {
        Answer history = client.get("/api/v1/audit/Document/" + documentId);
        assertThat(history.status()).isEqualTo(200);
        return StreamSupport.stream(history.body().spliterator(), false).toList();
    }

    static List<JsonNode> events(AxleClient client, String documentId, String type) {
        return events(client, documentId).stream().filter(e -> e.get("type").asText().equals(type)).toList();
    }

    static String upload(AxleClient client, String fileName, String mediaType, byte[] bytes) {
        Answer answer = client.postMultipart("/api/v1/documents",
                List.of(Part.file("file", fileName, mediaType, bytes), Part.field("tags", "pipeline-e2e")));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(202);
        return answer.body().get("documentId").asText();
    }

    /** Unique lines, so that no two tests upload the same bytes. */
    static List<String> invoiceLines() {
        List<String> lines = new ArrayList<>(PipelineDocuments.INVOICE);
        lines.add("Référence client " + UUID.randomUUID().toString().substring(0, 8));
        return lines;
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class InOneProcess {

        private Path dataDir;
        private RunningAxle axle;
        private AxleClient admin;

        @BeforeAll
        void boot() throws IOException {
            dataDir = Files.createTempDirectory("axle-e2e-pipeline");
            axle = RunningAxle.start(dataDir, Map.of("axle.documents.ocr.engines", "1",
                    "axle.dead-letters.retry-interval", "1h",
                    "axle.documents.alerts.recipients[0]", "back-office@example.com"));
            admin = axle.admin();
        }

        @AfterAll
        void shutDown() {
            if (axle != null) {
                axle.close();
            }
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }

        private JsonNode awaitOne(String documentId, String type) {
            await().atMost(SETTLE).until(() -> !events(admin, documentId, type).isEmpty());
            return events(admin, documentId, type).get(0).get("payload");
        }

        @Test
        void aTextPdfInvoiceIsReadClassifiedAndItsFieldsExtracted() {
            String id = upload(admin, "invoice.pdf", "application/pdf",
                    PipelineDocuments.textPdf(invoiceLines()));

            JsonNode processed = awaitOne(id, "DocumentProcessedEvent");

            assertThat(processed.get("run").asInt()).isEqualTo(1);
            JsonNode page = events(admin, id, "DocumentPageReadEvent").get(0).get("payload");
            assertThat(page.get("method").asText()).isEqualTo("text-layer");
            assertThat(page.get("pages").asInt()).isEqualTo(1);
            assertThat(events(admin, id, "DocumentLanguageDetectedEvent").get(0).at("/payload/language").asText())
                    .isEqualTo("fr");
            assertThat(events(admin, id, "DocumentClassifiedEvent").get(0).at("/payload/type").asText())
                    .isEqualTo("invoice");
            JsonNode fields = events(admin, id, "DocumentFieldsExtractedEvent").get(0).at("/payload/fields");
            assertThat(fields).extracting(f -> f.get("name").asText() + "=" + f.get("value").asText())
                    .contains("invoiceNumber=FA-2026-0042", "totalInclTax=1234.56", "issueDate=2026-03-12",
                            "iban=FR7630006000011234567890189");
            assertThat(events(admin, id).stream().map(e -> e.get("type").asText()).toList()).containsExactly(
                    "DocumentUploadedEvent", "DocumentPageReadEvent", "DocumentTextExtractedEvent",
                    "DocumentLanguageDetectedEvent", "DocumentClassifiedEvent", "DocumentFieldsExtractedEvent",
                    "DocumentProcessedEvent");
        }

        @Test
        void aContractRaisesItsAlertOnceMailedAndListedAndAReprocessDoesNotRaiseItAgain() throws IOException {
            String id = upload(admin, "contract.pdf", "application/pdf", PipelineDocuments.textPdf(List.of(
                    "CONTRAT DE PRESTATION DE SERVICES",
                    "Entre les soussignés : Garage Martin SARL, d'une part,",
                    "et Transports Rhône Express, d'autre part, il a été convenu ce qui suit.",
                    "Article 1 — Objet : entretien des véhicules de la flotte.",
                    "Article 2 — Durée du contrat : un an. Résiliation avec préavis de trois mois.",
                    "Fait en deux exemplaires à Lyon. Référence " + UUID.randomUUID())));

            JsonNode alert = awaitOne(id, "DocumentAlertRaisedEvent");

            assertThat(alert.get("rule").asText()).isEqualTo("contract-received");
            assertThat(alert.get("severity").asText()).isEqualTo("info");
            await().atMost(SETTLE).untilAsserted(() -> assertThat(admin.get("/api/v1/documents/" + id).body()
                    .get("alerts")).extracting(a -> a.get("rule").asText()).containsExactly("contract-received"));
            await().atMost(SETTLE).untilAsserted(() -> assertThat(admin.get("/api/v1/documents/alerts?size=100")
                    .body().get("content")).extracting(a -> a.get("documentId").asText()).contains(id));
            Path outbox = dataDir.resolve("outbox");
            await().atMost(SETTLE).until(() -> mailsAbout(outbox, id).size() == 1);
            String mail = mailsAbout(outbox, id).get(0);
            assertThat(mail).contains("back-office@example.com", "[Axle] info: Contract received");

            assertThat(admin.post("/api/v1/documents/" + id + "/reprocess", Map.of()).status()).isEqualTo(202);
            await().atMost(SETTLE).until(() -> events(admin, id, "DocumentProcessedEvent").size() == 2);
            assertThat(events(admin, id, "DocumentAlertRaisedEvent")).hasSize(1);
            assertThat(mailsAbout(outbox, id)).hasSize(1);
        }

        /** The mails in the outbox whose text names the document. */
        private List<String> mailsAbout(Path outbox, String documentId) throws IOException {
            if (!Files.isDirectory(outbox)) {
                return List.of();
            }
            List<String> mails = new ArrayList<>();
            try (var files = Files.list(outbox)) {
                for (Path file : files.toList()) {
                    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                    if (text.contains(documentId)) {
                        mails.add(text);
                    }
                }
            }
            return mails;
        }

        @Test
        void aScannedPngIsReadByOcr() {
            BufferedImage scan = PipelineDocuments.scan(invoiceLines());
            String id = upload(admin, "scan.png", "image/png", PipelineDocuments.png(scan));

            awaitOne(id, "DocumentTextExtractedEvent");

            JsonNode page = events(admin, id, "DocumentPageReadEvent").get(0).get("payload");
            assertThat(page.get("method").asText()).isEqualTo("ocr");
            assertThat(page.get("confidence").asDouble()).isGreaterThan(0.7);
            assertThat(page.get("text").asText()).contains("FA-2026-0042");
            assertThat(awaitOne(id, "DocumentClassifiedEvent").get("type").asText()).isEqualTo("invoice");
        }

        @Test
        void aDamagedPdfFailsWithADeadLetterAndAReprocessIsNotStuckBehindIt() {
            String id = upload(admin, "damaged.pdf", "application/pdf",
                    PipelineDocuments.damagedPdf(UUID.randomUUID().getMostSignificantBits()));

            JsonNode failed = awaitOne(id, "DocumentProcessingFailedEvent");
            assertThat(failed.get("step").asText()).isEqualTo("text");
            assertThat(failed.get("reason").asText()).contains("upload an undamaged copy");
            await().atMost(SETTLE).untilAsserted(() -> assertThat(letters("document-text"))
                    .extracting(l -> l.get("aggregateIdentifier").asText()).contains(id));

            Answer reprocess = admin.post("/api/v1/documents/" + id + "/reprocess", Map.of());
            assertThat(reprocess.status()).isEqualTo(202);

            await().atMost(SETTLE).until(() -> events(admin, id, "DocumentProcessingFailedEvent").size() == 2);
            assertThat(events(admin, id, "DocumentProcessingFailedEvent").get(1).at("/payload/run").asInt())
                    .isEqualTo(2);
            assertThat(events(admin, id, "DocumentReprocessRequestedEvent").get(0).at("/payload/requestedBy")
                    .asText()).isEqualTo("admin");
        }

        @Test
        void aReprocessWhileARunIsUnderWayIsRefusedWithTheRule() {
            String id = upload(admin, "scan.png", "image/png",
                    PipelineDocuments.png(PipelineDocuments.scan(invoiceLines())));

            Answer refused = admin.post("/api/v1/documents/" + id + "/reprocess", Map.of());

            if (refused.status() == 409) {
                assertThat(refused.body().get("field").asText()).isEqualTo("status");
                assertThat(refused.body().get("rule").asText()).isEqualTo("run-ended");
            } else {
                // the run ended before the request arrived: the reprocess started run 2
                assertThat(refused.status()).isEqualTo(202);
                awaitOne(id, "DocumentReprocessRequestedEvent");
            }
        }

        @Test
        void aTypeCorrectionHasTheFieldsReadAgainForThatType() {
            String id = upload(admin, "invoice.pdf", "application/pdf",
                    PipelineDocuments.textPdf(invoiceLines()));
            awaitOne(id, "DocumentProcessedEvent");

            Answer unknown = admin.post("/api/v1/documents/" + id + "/classification", Map.of("type", "horoscope"));
            assertThat(unknown.status()).isEqualTo(422);
            assertThat(unknown.body().get("rule").asText()).isEqualTo("known-type");
            Answer corrected = admin.post("/api/v1/documents/" + id + "/classification", Map.of("type", "receipt"));
            assertThat(corrected.status()).isEqualTo(202);

            await().atMost(SETTLE).until(() -> events(admin, id, "DocumentProcessedEvent").size() == 2);
            List<String> types = events(admin, id).stream().map(e -> e.get("type").asText()).toList();
            assertThat(types.subList(types.indexOf("DocumentTypeCorrectedEvent"), types.size())).containsExactly(
                    "DocumentTypeCorrectedEvent", "DocumentFieldsExtractedEvent", "DocumentProcessedEvent");
            JsonNode correction = events(admin, id, "DocumentTypeCorrectedEvent").get(0).get("payload");
            assertThat(correction.get("previousType").asText()).isEqualTo("invoice");
            assertThat(correction.get("correctedBy").asText()).isEqualTo("admin");
            JsonNode refields = events(admin, id, "DocumentFieldsExtractedEvent").get(1).at("/payload/fields");
            assertThat(refields).extracting(f -> f.get("name").asText()).doesNotContain("invoiceNumber", "iban");

            Answer badIban = admin.post("/api/v1/documents/" + id + "/fields", Map.of("fields",
                    List.of(Map.of("name", "totalInclTax", "value", "1234,56"),
                            Map.of("name", "siret", "value", "732 829 320 00075"))));
            assertThat(badIban.status()).isEqualTo(422);
            assertThat(badIban.body().get("field").asText()).isEqualTo("fields[1].value");
            assertThat(badIban.body().get("rule").asText()).isEqualTo("siret");
            Answer validated = admin.post("/api/v1/documents/" + id + "/fields", Map.of("fields",
                    List.of(Map.of("name", "totalInclTax", "value", "1234,56"))));
            assertThat(validated.status()).isEqualTo(202);
            JsonNode validation = awaitOne(id, "DocumentFieldsValidatedEvent");
            assertThat(validation.get("validatedBy").asText()).isEqualTo("admin");
        }

        /** Last: the replay understands the documents of the other tests again too. */
        @Test
        @Order(Integer.MAX_VALUE)
        void aReplayOfTheUnderstandingIsTheBulkReprocessAndLeavesValidatedFields() {
            String understood = upload(admin, "invoice.pdf", "application/pdf",
                    PipelineDocuments.textPdf(invoiceLines()));
            String validated = upload(admin, "invoice.pdf", "application/pdf",
                    PipelineDocuments.textPdf(invoiceLines()));
            awaitOne(understood, "DocumentProcessedEvent");
            awaitOne(validated, "DocumentProcessedEvent");
            assertThat(admin.post("/api/v1/documents/" + validated + "/fields", Map.of("fields", List.of())).status())
                    .isEqualTo(202);
            awaitOne(validated, "DocumentFieldsValidatedEvent");

            Answer replay = admin.post("/api/v1/admin/processors/document-understanding/replay", Map.of());
            assertThat(replay.status()).as(replay.raw().body()).isLessThan(300);

            await().atMost(SETTLE).until(() -> events(admin, understood, "DocumentProcessedEvent").size() == 2);
            await().atMost(SETTLE).until(() -> !admin.get("/api/v1/admin/processors/document-understanding").body()
                    .get("replaying").asBoolean());
            assertThat(events(admin, understood, "DocumentClassifiedEvent")).hasSize(2);
            assertThat(events(admin, validated, "DocumentProcessedEvent")).hasSize(1);
        }

        private List<JsonNode> letters(String group) {
            Answer all = admin.get("/api/v1/admin/dead-letters");
            assertThat(all.status()).isEqualTo(200);
            List<JsonNode> letters = new ArrayList<>();
            all.body().forEach(g -> {
                if (g.get("processingGroup").asText().equals(group)) {
                    g.get("letters").forEach(letters::add);
                }
            });
            return letters;
        }
    }

    /** The lines of a log that tell of errors, with the lines after each, at most 200. */
    static String errors(String log) {
        List<String> lines = log.lines().toList();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size() && errors.size() < 200; i++) {
            if (lines.get(i).contains("ERROR") || lines.get(i).contains("WARN")) {
                errors.addAll(lines.subList(i, Math.min(lines.size(), i + 8)));
            }
        }
        return String.join("\n", errors);
    }

    @Nested
    class KilledDuringOcr {

        private final Path dataDir = AxleProcess.tempDataDir("axle-kill-ocr");
        private AxleProcess axle;

        @org.junit.jupiter.api.AfterEach
        void cleanUp() {
            if (axle != null) {
                axle.close();
            }
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }

        @Test
        void theDocumentResumesAfterARestartWithEveryPageRecordedOnce() throws Exception {
            int pages = 10;
            List<BufferedImage> scans = IntStream.rangeClosed(1, pages).mapToObj(n -> {
                List<String> lines = new ArrayList<>(invoiceLines());
                lines.add("Page " + n + " of " + pages);
                lines.addAll(PipelineDocuments.INVOICE);
                return PipelineDocuments.scan(lines);
            }).toList();
            axle = AxleProcess.start(dataDir, AxleProcess.freePort(), Map.of("axle.documents.ocr.engines", "1"));
            AxleClient admin = axle.admin();
            String id = upload(admin, "scanned.pdf", "application/pdf", PipelineDocuments.scannedPdf(scans));

            await().atMost(SETTLE).pollInterval(Duration.ofMillis(100))
                    .until(() -> events(admin, id, "DocumentPageReadEvent").size() >= 2);
            int readBeforeTheKill = events(admin, id, "DocumentPageReadEvent").size();
            axle.kill();
            axle.start();
            AxleClient restarted = axle.admin();

            try {
                await().atMost(SETTLE.multipliedBy(2)).until(() -> !events(restarted, id, "DocumentProcessedEvent")
                        .isEmpty());
            } catch (AssertionError | org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "\nAxle's errors:\n" + errors(axle.log()), e);
            }
            assertThat(readBeforeTheKill).as("killed in the middle of the OCR").isBetween(2, pages - 1);
            assertThat(events(restarted, id, "DocumentPageReadEvent"))
                    .extracting(e -> e.at("/payload/page").asInt())
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, pages).boxed().toList());
            assertThat(events(restarted, id, "DocumentTextExtractedEvent")).singleElement()
                    .satisfies(e -> assertThat(e.at("/payload/pages").asInt()).isEqualTo(pages));
        }
    }
}
