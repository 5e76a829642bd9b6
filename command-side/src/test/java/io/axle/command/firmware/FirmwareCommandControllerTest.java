package io.axle.command.firmware;

import com.mongodb.client.MongoDatabase;
import io.axle.api.common.Refusal;
import io.axle.api.firmware.ReleaseFirmwareCommand;
import io.axle.api.firmware.WithdrawFirmwareCommand;
import io.axle.command.CommandRefusalInterceptor;
import io.axle.command.InMemoryMongo;
import io.axle.command.UploadLimit;
import io.axle.command.UploadLimitAdvice;
import io.axle.command.WebAdapters;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
 * The firmware edge alone (no security rules) with the real GridFS store on the MongoDB wire server: what it refuses
 * and with which problem, what it stores and deletes, the commands it sends, and the image it serves.
 */
class FirmwareCommandControllerTest {

    private static final long MAX_SIZE = 1024;
    private static final byte[] IMAGE = {0x7f, 'E', 'C', 'M', 1, 4, 2, 0, (byte) 0xff};
    private static final TestingAuthenticationToken ALICE = new TestingAuthenticationToken("alice", "n/a");

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final Map<String, FirmwareCatalogue.Entry> released = new HashMap<>();
    private InMemoryMongo mongo;
    private MongoDatabase database;
    private GridFsFirmwareImages images;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mongo = InMemoryMongo.start();
        database = mongo.database();
        images = new GridFsFirmwareImages(database);
        FirmwareCatalogue catalogue = id -> Optional.ofNullable(released.get(id));
        mvc = WebAdapters.standalone(new FirmwareCommandController(new FirmwareReleases(gateway, images, catalogue,
                MAX_SIZE), images, catalogue, gateway), new UploadLimitAdvice(List.of(FirmwareReleases.limit(MAX_SIZE))));
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    private static MockMultipartFile image(byte[] bytes) {
        return new MockMultipartFile("image", "ecm-1.4.2.bin", "application/octet-stream", bytes);
    }

    private long storedFiles() {
        return database.getCollection("firmware_images.files").countDocuments();
    }

    private ReleaseFirmwareCommand sent() {
        ArgumentCaptor<ReleaseFirmwareCommand> sent = ArgumentCaptor.forClass(ReleaseFirmwareCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        return sent.getValue();
    }

    @Test
    void anImageIsStoredByteForByteAndReleasedAnswering201WithItsHashAndSize() throws Exception {
        String sha = GridFsFirmwareImagesTest.sha256(IMAGE);

        MvcResult result = mvc.perform(multipart("/api/v1/firmware").file(image(IMAGE)).param("ecu", "ecm")
                        .param("version", "1.4.2").param("hardware", "ECM-2*", "ECM-3")
                        .param("fromVersions", "[1.0,1.4.2)").param("releaseNotes", "Idle fix").principal(ALICE))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.sha256").value(sha))
                .andExpect(jsonPath("$.size").value(IMAGE.length))
                .andReturn();

        ReleaseFirmwareCommand command = sent();
        assertThat(command).isEqualTo(new ReleaseFirmwareCommand(command.firmwareId(), "ecm", "1.4.2", sha,
                IMAGE.length, "ecm-1.4.2.bin", List.of("ECM-2*", "ECM-3"), "[1.0,1.4.2)", "Idle fix", "alice"));
        assertThat(result.getResponse().getHeader("Location")).isEqualTo("/api/v1/firmware/" + command.firmwareId());
        assertThat(result.getResponse().getContentAsString()).contains("\"firmwareId\":\"" + command.firmwareId());
        assertThat(images.open(command.firmwareId()).orElseThrow().bytes().readAllBytes()).isEqualTo(IMAGE);
    }

    @Test
    void hardwareMayBeACommaList() throws Exception {
        mvc.perform(multipart("/api/v1/firmware").file(image(IMAGE)).param("ecu", "ecm").param("version", "1.4.2")
                        .param("hardware", "ECM-2*, ECM-3,"))
                .andExpect(status().isCreated());

        assertThat(sent().hardware()).containsExactly("ECM-2*", "ECM-3");
    }

    @Test
    void aRefusedReleaseIsAnsweredWithItsProblemAndLeavesNoImage() throws Exception {
        when(gateway.sendAndWait(any())).thenThrow(CommandRefusalInterceptor.refused(
                new Refusal(409, "version", "must-be-unique", "version 1.4.2 of ECU ecm is released"), null));

        mvc.perform(multipart("/api/v1/firmware").file(image(IMAGE)).param("ecu", "ecm").param("version", "1.4.2"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("version"))
                .andExpect(jsonPath("$.rule").value("must-be-unique"));

        assertThat(storedFiles()).isZero();
    }

    @Test
    void anImageBrokenOffWhileStoredLeavesNoChunkAndSendsNothing() throws Exception {
        MockMultipartFile broken = new MockMultipartFile("image", "ecm.bin", "application/octet-stream",
                new byte[600 * 1024]) {
            @Override
            public java.io.InputStream getInputStream() {
                return new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(new byte[300 * 1024]),
                        new java.io.InputStream() {
                            @Override
                            public int read() throws java.io.IOException {
                                throw new java.io.IOException("connection reset");
                            }
                        });
            }
        };

        FirmwareReleases releases = new FirmwareReleases(gateway, images, id -> Optional.empty(), 1 << 20);

        assertThatThrownBy(() -> releases.release(broken, new FirmwareReleases.Release("ecm", "1.4.2", null, null,
                null), "alice")).hasRootCauseMessage("connection reset");

        verify(gateway, never()).sendAndWait(any());
        assertThat(storedFiles()).isZero();
        assertThat(database.getCollection("firmware_images.chunks").countDocuments()).isZero();
    }

    @Test
    void aMissingImageIs400() throws Exception {
        mvc.perform(multipart("/api/v1/firmware").param("ecu", "ecm").param("version", "1.4.2"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("image"))
                .andExpect(jsonPath("$.rule").value("required"));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void aMissingEcuOrVersionIs400NamingIt() throws Exception {
        mvc.perform(multipart("/api/v1/firmware").file(image(IMAGE)).param("version", "1.4.2"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("ecu"));
        mvc.perform(multipart("/api/v1/firmware").file(image(IMAGE)).param("ecu", "ecm").param("version", " "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("version"));
        verify(gateway, never()).sendAndWait(any());
        assertThat(storedFiles()).isZero();
    }

    @Test
    void anEmptyImageIs422() throws Exception {
        mvc.perform(multipart("/api/v1/firmware").file(image(new byte[0])).param("ecu", "ecm")
                        .param("version", "1.4.2"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("image"))
                .andExpect(jsonPath("$.rule").value("required"));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void anImageOverTheLimitIs413AndStoresNothing() throws Exception {
        mvc.perform(multipart("/api/v1/firmware").file(image(new byte[(int) MAX_SIZE + 1])).param("ecu", "ecm")
                        .param("version", "1.4.2"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.field").value("image"))
                .andExpect(jsonPath("$.rule").value("max-size"));
        verify(gateway, never()).sendAndWait(any());
        assertThat(storedFiles()).isZero();
    }

    @Test
    void theMultipartReadersLimitIsAnsweredAsTheEndpointsOwn413() {
        UploadLimit documents = new UploadLimit("/api/v1/documents", "file", 50, "document");
        UploadLimitAdvice advice = new UploadLimitAdvice(List.of(documents, FirmwareReleases.limit(MAX_SIZE)));

        ProblemDetail firmware = advice.tooLarge(new MaxUploadSizeExceededException(MAX_SIZE),
                new MockHttpServletRequest("POST", "/api/v1/firmware")).getBody();
        ProblemDetail document = advice.tooLarge(new MaxUploadSizeExceededException(MAX_SIZE),
                new MockHttpServletRequest("POST", "/api/v1/documents")).getBody();

        assertThat(firmware.getStatus()).isEqualTo(413);
        assertThat(firmware.getProperties()).containsEntry("field", "image").containsEntry("rule", "max-size");
        assertThat(document.getProperties()).containsEntry("field", "file").containsEntry("rule", "max-size");
    }

    @Test
    void withdrawingSendsTheReasonAndWhoAsked() throws Exception {
        released.put("fw-1", new FirmwareCatalogue.Entry("fw-1", "ecm", "1.4.2", "ab".repeat(32), 9, null, null,
                false));

        mvc.perform(post("/api/v1/firmware/fw-1/withdraw").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"bricks ECM-21\"}").principal(ALICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.firmwareId").value("fw-1"))
                .andExpect(jsonPath("$.status").value("WITHDRAWN"));

        verify(gateway).sendAndWait(new WithdrawFirmwareCommand("fw-1", "bricks ECM-21", "alice"));
    }

    @Test
    void withdrawingAnUnknownFirmwareIs404() throws Exception {
        mvc.perform(post("/api/v1/firmware/fw-none/withdraw"))
                .andExpect(status().isNotFound());
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void theImageIsServedByteForByteWithItsHashAsETag() throws Exception {
        String sha = images.store("fw-1", new java.io.ByteArrayInputStream(IMAGE)).sha256();
        released.put("fw-1", new FirmwareCatalogue.Entry("fw-1", "ecm", "1.4.2", sha, IMAGE.length, null, null,
                false));

        mvc.perform(get("/api/v1/firmware/fw-1/image"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_OCTET_STREAM))
                .andExpect(header().string("ETag", "\"" + sha + "\""))
                .andExpect(header().longValue("Content-Length", IMAGE.length))
                .andExpect(content().bytes(IMAGE));
    }

    @Test
    void theImageOfAFirmwareNotReleasedIsNotServed() throws Exception {
        images.store("fw-pending", new java.io.ByteArrayInputStream(IMAGE));

        mvc.perform(get("/api/v1/firmware/fw-pending/image"))
                .andExpect(status().isNotFound());
    }
}
