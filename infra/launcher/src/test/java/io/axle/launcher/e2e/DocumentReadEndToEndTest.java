package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.AxleClient.Part;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

/**
 * The documents' read side on the booted application: an uploaded document is found by a search on its title (a
 * plural of one of its words) within seconds, with its status, from the Lucene index under the data folder; its text,
 * the validation queue and the alerts answer their pages; a search without words is refused naming {@code q}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentReadEndToEndTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);

    private Path dataDir;
    private RunningAxle axle;
    private AxleClient admin;

    @BeforeAll
    void boot() throws IOException {
        dataDir = Files.createTempDirectory("axle-e2e-document-read");
        axle = RunningAxle.start(dataDir, Map.of());
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
    void anUploadedDocumentIsSearchableByItsTitleAndItsReadEndpointsAnswer() throws IOException {
        String word = "zephyr" + UUID.randomUUID().toString().substring(0, 4).replaceAll("[0-9]", "q");
        Answer uploaded = admin.postMultipart("/api/v1/documents", List.of(
                Part.file("file", "lease.pdf", "application/pdf", DocumentUploadEndToEndTest.pdf("Lease " + word)),
                Part.field("title", "Garage lease " + word)));
        assertThat(uploaded.status()).as(uploaded.body().toString()).isEqualTo(202);
        String documentId = uploaded.body().get("documentId").asText();

        JsonNode[] hits = new JsonNode[1];
        await().atMost(SETTLE).until(() -> {
            Answer search = admin.get("/api/v1/documents/search?q=leases+" + word);
            hits[0] = search.body();
            return search.status() == 200 && search.body().get("totalElements").asLong() == 1;
        });
        JsonNode hit = hits[0].get("content").get(0);
        assertThat(hit.get("documentId").asText()).isEqualTo(documentId);
        assertThat(hit.get("title").asText()).isEqualTo("Garage lease " + word);
        assertThat(hit.get("status").asText()).isNotBlank();
        assertThat(Files.isDirectory(dataDir.resolve("search").resolve("documents"))).isTrue();

        Answer text = admin.get("/api/v1/documents/" + documentId + "/text");
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.body().get("documentId").asText()).isEqualTo(documentId);
        assertThat(admin.get("/api/v1/documents/validation-queue").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/documents/alerts").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/documents/nope/text").status()).isEqualTo(404);

        Answer noWords = admin.get("/api/v1/documents/search?q=");
        assertThat(noWords.status()).isEqualTo(400);
        assertThat(noWords.body().get("field").asText()).isEqualTo("q");
    }
}
