package io.axle.command.document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.axle.api.document.CorrectDocumentTypeCommand;
import io.axle.api.document.DocumentUploadResult;
import io.axle.api.document.DocumentUploadedEvent;
import io.axle.api.document.FieldValue;
import io.axle.api.document.ReprocessDocumentCommand;
import io.axle.api.document.UploadDocumentCommand;
import io.axle.api.document.ValidateDocumentFieldsCommand;
import io.axle.command.UploadLimitAdvice;
import io.axle.documents.detect.TypeDetector;
import io.axle.documents.understanding.classification.TypeRules;
import io.axle.platform.web.ProblemAdvice;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.security.MessageDigest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The upload edge alone (no security rules) with the real GridFS store on the MongoDB wire server: what it refuses
 * and with which problem, what it stores, the command it sends, and the original it serves.
 */
class DocumentCommandControllerTest {

    private static final long MAX_SIZE = 4096;
    private static final byte[] PDF = ("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
            + "trailer\n<< /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
            'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0};
    private static final TestingAuthenticationToken ALICE = new TestingAuthenticationToken("alice", "n/a");

    private final CommandGateway gateway = mock(CommandGateway.class);
    private MongoServer server;
    private MongoClient client;
    private GridFsOriginalStore originals;
    private EventStore eventStore;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        originals = new GridFsOriginalStore(client.getDatabase("axle-documents-test"));
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        DocumentUploads uploads = new DocumentUploads(gateway, originals, new TypeDetector(), MAX_SIZE);
        mvc = MockMvcBuilders.standaloneSetup(new DocumentCommandController(uploads, originals, eventStore, gateway,
                        new DocumentTypes(TypeRules.defaults())))
                .setValidator(validator)
                .setControllerAdvice(new UploadLimitAdvice(List.of(DocumentUploads.limit(MAX_SIZE))),
                        new ProblemAdvice())
                .build();
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static MockMultipartFile file(String name, String declaredType, byte[] bytes) {
        return new MockMultipartFile("file", name, declaredType, bytes);
    }

    private static byte[] read(InputStream stream) throws IOException {
        try (stream) {
            return stream.readAllBytes();
        }
    }

    @Test
    void aPdfIsStoredByteForByteAndAnswered202AtItsDocument() throws Exception {
        when(gateway.sendAndWait(any())).thenReturn(new DocumentUploadResult("d-1", false));

        mvc.perform(multipart("/api/v1/documents").file(file("march.pdf", "application/octet-stream", PDF))
                        .param("title", "March").param("tags", "suppliers", "2026").principal(ALICE))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/documents/d-1"))
                .andExpect(jsonPath("$.documentId").value("d-1"))
                .andExpect(jsonPath("$.duplicate").value(false));

        ArgumentCaptor<UploadDocumentCommand> sent = ArgumentCaptor.forClass(UploadDocumentCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        assertThat(sent.getValue()).isEqualTo(new UploadDocumentCommand(sent.getValue().documentId(), sha256(PDF),
                "March", "march.pdf", "application/pdf", PDF.length, List.of("suppliers", "2026"), "alice"));
        assertThat(read(originals.open(sha256(PDF)).orElseThrow().bytes())).isEqualTo(PDF);
    }

    @Test
    void theTypeComesFromTheBytesNotFromTheNameOrTheDeclaredType() throws Exception {
        when(gateway.sendAndWait(any())).thenReturn(new DocumentUploadResult("d-2", false));

        mvc.perform(multipart("/api/v1/documents").file(file("scan.pdf", "application/pdf", PNG)).principal(ALICE))
                .andExpect(status().isAccepted());

        ArgumentCaptor<UploadDocumentCommand> sent = ArgumentCaptor.forClass(UploadDocumentCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        assertThat(sent.getValue().mediaType()).isEqualTo("image/png");
    }

    @Test
    void aDuplicateAnswersTheExistingDocumentAndStoresNoSecondCopy() throws Exception {
        String first = originals.store(sha256(PDF), "application/pdf", new java.io.ByteArrayInputStream(PDF));
        when(gateway.sendAndWait(any())).thenReturn(new DocumentUploadResult("d-1", true));

        mvc.perform(multipart("/api/v1/documents").file(file("again.pdf", "application/pdf", PDF)).principal(ALICE))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/documents/d-1"))
                .andExpect(jsonPath("$.duplicate").value(true));

        assertThat(client.getDatabase("axle-documents-test").getCollection("document_originals.files")
                .countDocuments()).isEqualTo(1);
        assertThat(originals.contains(sha256(PDF))).isTrue();
        assertThat(first).isNotBlank();
    }

    @Test
    void copiesStoredByUploadsRacingForTheSameBytesLeaveOnlyTheOldest() throws Exception {
        String oldest = originals.store(sha256(PDF), "application/pdf", new java.io.ByteArrayInputStream(PDF));
        String second = originals.store(sha256(PDF), "application/pdf", new java.io.ByteArrayInputStream(PDF));
        String third = originals.store(sha256(PDF), "application/pdf", new java.io.ByteArrayInputStream(PDF));

        originals.discard(sha256(PDF), third);
        originals.discard(sha256(PDF), oldest);
        originals.discard(sha256(PDF), second);

        assertThat(client.getDatabase("axle-documents-test").getCollection("document_originals.files")
                .find().map(file -> file.getObjectId("_id").toHexString())).containsExactly(oldest);
        assertThat(read(originals.open(sha256(PDF)).orElseThrow().bytes())).isEqualTo(PDF);
    }

    @Test
    void aFileNameIsKeptAsANameOnlyWithoutControlCharacters() {
        assertThat(DocumentUploads.fileName("C:\\Scans\\march.pdf")).isEqualTo("march.pdf");
        assertThat(DocumentUploads.fileName("../../etc/march\u0007.pdf")).isEqualTo("march.pdf");
        assertThat(DocumentUploads.fileName("x".repeat(300) + ".pdf")).hasSize(DocumentUploads.MAX_FILE_NAME);
        assertThat(DocumentUploads.fileName("scans/")).isNull();
        assertThat(DocumentUploads.fileName(null)).isNull();
    }

    @Test
    void anOriginalOfManyChunksIsReadBackByteForByte() throws Exception {
        byte[] large = new byte[700 * 1024];
        new java.util.Random(12).nextBytes(large);
        String sha = sha256(large);

        originals.store(sha, "application/pdf", new java.io.ByteArrayInputStream(large));

        OriginalStore.StoredOriginal stored = originals.open(sha).orElseThrow();
        assertThat(stored.length()).isEqualTo(large.length);
        assertThat(stored.mediaType()).isEqualTo("application/pdf");
        assertThat(read(stored.bytes())).isEqualTo(large);
        assertThat(client.getDatabase("axle-documents-test").getCollection("document_originals.chunks")
                .countDocuments()).isEqualTo(3);
    }

    /** #12 uploads within the heap: an original larger than one wire-protocol reply (48 MB) is read chunk by chunk. */
    @Test
    void anOriginalLargerThanOneMongoReplyIsReadBackChunkByChunk() throws Exception {
        long size = 49L * 1024 * 1024;
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        try (InputStream generated = new java.security.DigestInputStream(new java.io.InputStream() {
            private final java.util.SplittableRandom random = new java.util.SplittableRandom(49);
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? random.nextInt(256) : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int count = (int) Math.min(length, left);
                for (int i = 0; i < count; i++) {
                    buffer[offset + i] = (byte) random.nextInt(256);
                }
                left -= count;
                return count;
            }
        }, sent)) {
            originals.store("f".repeat(64), "application/pdf", generated);
        }

        OriginalStore.StoredOriginal stored = originals.open("f".repeat(64)).orElseThrow();
        MessageDigest served = MessageDigest.getInstance("SHA-256");
        try (InputStream bytes = new java.security.DigestInputStream(stored.bytes(), served)) {
            assertThat(bytes.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(size);
        }
        assertThat(stored.length()).isEqualTo(size);
        assertThat(served.digest()).isEqualTo(sent.digest());
    }

    @Test
    void anotherTypeIs415NamingTheFileAndStoresNothing() throws Exception {
        byte[] text = "Just some words, no PDF at all.\n".getBytes(StandardCharsets.UTF_8);

        mvc.perform(multipart("/api/v1/documents").file(file("notes.pdf", "application/pdf", text)).principal(ALICE))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.rule").value("media-type"));

        verify(gateway, never()).sendAndWait(any());
        assertThat(originals.contains(sha256(text))).isFalse();
    }

    @Test
    void anEmptyFileIs400() throws Exception {
        mvc.perform(multipart("/api/v1/documents").file(file("empty.pdf", "application/pdf", new byte[0])))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.rule").value("not-empty"));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void anUploadWithoutFileIs400() throws Exception {
        mvc.perform(multipart("/api/v1/documents").param("title", "nothing"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.rule").value("required"));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void aFileOverTheLimitIs413AndStoresNothing() throws Exception {
        byte[] large = Arrays.copyOf(PDF, (int) MAX_SIZE + 1);

        mvc.perform(multipart("/api/v1/documents").file(file("big.pdf", "application/pdf", large)))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.rule").value("max-size"));
        verify(gateway, never()).sendAndWait(any());
        assertThat(originals.contains(sha256(large))).isFalse();
    }

    @Test
    void aTitleOver200CharactersIs400() throws Exception {
        mvc.perform(multipart("/api/v1/documents").file(file("a.pdf", "application/pdf", PDF))
                        .param("title", "t".repeat(201)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("title"));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void theMultipartReadersLimitIsTheSame413() {
        ResponseEntity<ProblemDetail> answer = new UploadLimitAdvice(List.of(DocumentUploads.limit(MAX_SIZE)))
                .tooLarge(new MaxUploadSizeExceededException(MAX_SIZE),
                        new MockHttpServletRequest("POST", "/api/v1/documents"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(answer.getBody().getProperties()).containsEntry("field", "file").containsEntry("rule", "max-size");
    }

    @Test
    void theOriginalIsServedByteForByteWithItsType() throws Exception {
        String sha = sha256(PNG);
        originals.store(sha, "image/png", new java.io.ByteArrayInputStream(PNG));
        eventStore.publish(new GenericDomainEventMessage<>("Document", "d-7", 0, new DocumentUploadedEvent("d-7",
                "Scan", "scan.png", "image/png", PNG.length, sha, List.of(), "alice", Instant.now())));

        mvc.perform(get("/api/v1/documents/d-7/original"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/png"))
                .andExpect(header().string("X-Content-SHA256", sha))
                .andExpect(content().bytes(PNG));
    }

    @Test
    void theOriginalOfAnUnknownDocumentIs404() throws Exception {
        mvc.perform(get("/api/v1/documents/nope/original"))
                .andExpect(status().isNotFound());
    }

    private void uploaded(String id) {
        eventStore.publish(new GenericDomainEventMessage<>("Document", id, 0, new DocumentUploadedEvent(id,
                "Scan", "scan.png", "image/png", PNG.length, "ab", List.of(), "alice", Instant.now())));
    }

    @Test
    void aReprocessIsSentForTheCallerAndAnswered202() throws Exception {
        uploaded("d-8");

        mvc.perform(post("/api/v1/documents/d-8/reprocess").principal(ALICE))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/documents/d-8"));

        verify(gateway).sendAndWait(new ReprocessDocumentCommand("d-8", "alice"));
    }

    @Test
    void aReprocessOfAnUnknownDocumentIs404() throws Exception {
        mvc.perform(post("/api/v1/documents/nope/reprocess").principal(ALICE))
                .andExpect(status().isNotFound());
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void aTypeCorrectionToAConfiguredTypeIsSent() throws Exception {
        uploaded("d-9");

        mvc.perform(post("/api/v1/documents/d-9/classification").principal(ALICE)
                        .contentType("application/json").content("{\"type\": \" receipt \"}"))
                .andExpect(status().isAccepted());

        verify(gateway).sendAndWait(new CorrectDocumentTypeCommand("d-9", "receipt", "alice"));
    }

    @Test
    void aTypeThatIsNotConfiguredIs422NamingTheTypeAndTheRule() throws Exception {
        uploaded("d-10");

        mvc.perform(post("/api/v1/documents/d-10/classification").principal(ALICE)
                        .contentType("application/json").content("{\"type\": \"horoscope\"}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("type"))
                .andExpect(jsonPath("$.rule").value("known-type"));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void fieldsAreSentAsTheOperatorGaveThem() throws Exception {
        uploaded("d-11");

        mvc.perform(post("/api/v1/documents/d-11/fields").principal(ALICE).contentType("application/json")
                        .content("{\"fields\": [{\"name\": \"dueDate\", \"value\": \"2026-04-12\"}],"
                                + " \"confirm\": [\"iban\"], \"remove\": [\"bic\"]}"))
                .andExpect(status().isAccepted());

        verify(gateway).sendAndWait(new ValidateDocumentFieldsCommand("d-11",
                List.of(new FieldValue("dueDate", "2026-04-12")), List.of("bic"), "alice"));
    }
}
