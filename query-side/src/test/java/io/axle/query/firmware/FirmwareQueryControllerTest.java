package io.axle.query.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.axle.api.common.ListCriteria;
import io.axle.api.common.PageResult;
import io.axle.api.firmware.ExportFirmwareQuery;
import io.axle.api.firmware.FindFirmwareQuery;
import io.axle.api.firmware.FirmwareStatus;
import io.axle.api.firmware.FirmwareView;
import io.axle.api.firmware.ListFirmwareQuery;
import io.axle.query.CsvExports;
import io.axle.query.WebTests;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import reactor.core.publisher.Flux;

/** The firmware catalogue read API's HTTP contract, on a standalone MockMvc with the query gateway mocked. */
class FirmwareQueryControllerTest {

    static final FirmwareView FIRMWARE = new FirmwareView("fw-1", "ECM", "1.1.0", "abc", 2048, "ecm.bin",
            List.of("ECM-2*", "ECM-3000"), "[1.0.0,2.0.0)", "Idle fix", FirmwareStatus.RELEASED, "admin",
            Instant.parse("2026-03-02T12:00:00Z"), null, null);

    private final QueryGateway queryGateway = mock(QueryGateway.class);
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = WebTests.mockMvc(new FirmwareQueryController(queryGateway,
                new CsvExports(queryGateway, CsvExports.DEFAULT_MAX_ROWS)));
    }

    @Test
    void aFirmwareShowsWhatItFitsAndItsChecksum() throws Exception {
        when(queryGateway.query(eq(new FindFirmwareQuery("fw-1")), eq(FirmwareView.class)))
                .thenReturn(CompletableFuture.completedFuture(FIRMWARE));

        mvc.perform(get("/api/v1/firmware/fw-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sha256").value("abc"))
                .andExpect(jsonPath("$.hardware[1]").value("ECM-3000"))
                .andExpect(jsonPath("$.status").value("RELEASED"))
                .andExpect(jsonPath("$.releasedAt").value("2026-03-02T12:00:00Z"));
    }

    @Test
    void anUnknownFirmwareIsNotFound() throws Exception {
        when(queryGateway.query(eq(new FindFirmwareQuery("fw-x")), eq(FirmwareView.class)))
                .thenReturn(CompletableFuture.completedFuture(null));

        mvc.perform(get("/api/v1/firmware/fw-x"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.resource").value("firmware"));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void theListPassesEcuStatusSearchSortAndPaging() throws Exception {
        ArgumentCaptor<ListFirmwareQuery> asked = ArgumentCaptor.forClass(ListFirmwareQuery.class);
        when(queryGateway.query(asked.capture(), any(ResponseType.class))).thenReturn((CompletableFuture)
                CompletableFuture.completedFuture(new PageResult<>(List.of(FIRMWARE), 0, 10, 1)));

        mvc.perform(get("/api/v1/firmware?ecu=ECM&status=RELEASED&q=idle&sort=version,asc&size=10"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].firmwareId").value("fw-1"));

        assertThat(asked.getValue()).isEqualTo(new ListFirmwareQuery("ECM", FirmwareStatus.RELEASED,
                new ListCriteria("idle", null, null, "version", false), 0, 10));
    }

    @Test
    void anUnknownStatusIsRefusedByName() throws Exception {
        mvc.perform(get("/api/v1/firmware?status=DRAFT"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("status"));
        verifyNoInteractions(queryGateway);
    }

    @Test
    void theCsvExportStreamsTheFilteredCatalogueAsAnAttachment() throws Exception {
        ArgumentCaptor<Object> asked = ArgumentCaptor.forClass(Object.class);
        when(queryGateway.streamingQuery(asked.capture(), eq(FirmwareView.class))).thenReturn(Flux.just(FIRMWARE));

        MvcResult result = mvc.perform(get("/api/v1/firmware?ecu=ECM").accept("text/csv"))
                .andExpect(request().asyncStarted()).andReturn();
        mvc.perform(asyncDispatch(result))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", startsWith("attachment; filename=\"firmware-")))
                .andExpect(content().string(startsWith("firmwareId,ecu,version,sha256,size,fileName,hardware,"
                        + "fromVersions,status,releasedBy,releasedAt,withdrawnReason,withdrawnAt\r\n"
                        + "fw-1,ECM,1.1.0,abc,2048,ecm.bin,ECM-2* ECM-3000,")));

        assertThat(asked.getValue()).isEqualTo(new ExportFirmwareQuery(new ListFirmwareQuery("ECM", null,
                ListCriteria.NONE, 0, 20), CsvExports.DEFAULT_MAX_ROWS));
    }
}
