package io.axle.query.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
import io.axle.api.flash.ExportFlashJobsQuery;
import io.axle.api.flash.FindFlashJobQuery;
import io.axle.api.flash.FlashJobStatus;
import io.axle.api.flash.FlashJobView;
import io.axle.api.flash.FlashJobView.StepEntry;
import io.axle.api.flash.FlashStep;
import io.axle.api.flash.ListFlashJobsQuery;
import io.axle.api.flash.WatchFlashJobQuery;
import io.axle.query.CsvExports;
import io.axle.query.UpdateStreams;
import io.axle.query.WebTests;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The flash job read API's HTTP contract, on a standalone MockMvc with the query gateway mocked. */
class FlashJobQueryControllerTest {

    private static final Instant AT = Instant.parse("2026-03-02T12:00:00Z");
    static final FlashJobView JOB = new FlashJobView("fj-1", "v-1", "ECM", "fw-2", "1.0.0", "1.1.0",
            FlashJobStatus.RUNNING, FlashStep.TRANSFER, 40, AT, AT.plusSeconds(1), null, null,
            List.of(new StepEntry(FlashStep.DIAGNOSTIC_SESSION, 1, "REQUESTED", null, AT.plusSeconds(1))),
            "operator", null);

    private final QueryGateway queryGateway = mock(QueryGateway.class);
    private UpdateStreams streams;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        streams = new UpdateStreams(queryGateway, Duration.ofMillis(100));
        mvc = WebTests.mockMvc(new FlashJobQueryController(queryGateway, streams,
                new CsvExports(queryGateway, CsvExports.DEFAULT_MAX_ROWS)));
    }

    @AfterEach
    void tearDown() {
        streams.destroy();
    }

    @Nested
    class OneJob {

        @Test
        void aJobShowsItsStatusProgressAndTimeline() throws Exception {
            when(queryGateway.query(eq(new FindFlashJobQuery("fj-1")), eq(FlashJobView.class)))
                    .thenReturn(CompletableFuture.completedFuture(JOB));

            mvc.perform(get("/api/v1/flash-jobs/fj-1"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("RUNNING"))
                    .andExpect(jsonPath("$.step").value("TRANSFER"))
                    .andExpect(jsonPath("$.progressPct").value(40))
                    .andExpect(jsonPath("$.startedAt").value("2026-03-02T12:00:01Z"))
                    .andExpect(jsonPath("$.steps[0].step").value("DIAGNOSTIC_SESSION"))
                    .andExpect(jsonPath("$.steps[0].status").value("REQUESTED"))
                    .andExpect(jsonPath("$.requestedBy").value("operator"));
        }

        @Test
        void anUnknownJobIsNotFound() throws Exception {
            when(queryGateway.query(eq(new FindFlashJobQuery("fj-x")), eq(FlashJobView.class)))
                    .thenReturn(CompletableFuture.completedFuture(null));

            mvc.perform(get("/api/v1/flash-jobs/fj-x"))
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.resource").value("flash-job"));
        }
    }

    @Nested
    class List_ {

        @Test
        @SuppressWarnings({"unchecked", "rawtypes"})
        void theListPassesVehicleStatusCampaignSearchSortAndPaging() throws Exception {
            ArgumentCaptor<ListFlashJobsQuery> asked = ArgumentCaptor.forClass(ListFlashJobsQuery.class);
            when(queryGateway.query(asked.capture(), any(ResponseType.class))).thenReturn((CompletableFuture)
                    CompletableFuture.completedFuture(new PageResult<>(List.of(JOB), 1, 5, 6)));

            mvc.perform(get("/api/v1/flash-jobs?vehicleId=v-1&status=RUNNING&campaignId=c-1&q=ECM"
                            + "&sort=finishedAt,desc&page=1&size=5"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.content[0].flashJobId").value("fj-1"))
                    .andExpect(jsonPath("$.totalElements").value(6));

            assertThat(asked.getValue()).isEqualTo(new ListFlashJobsQuery("v-1", FlashJobStatus.RUNNING, "c-1",
                    new ListCriteria("ECM", null, null, "finishedAt", true), 1, 5));
        }

        @Test
        @SuppressWarnings({"unchecked", "rawtypes"})
        void blankFiltersCountAsAbsentAndTheFirstPageOfTwentyIsTheDefault() throws Exception {
            ArgumentCaptor<ListFlashJobsQuery> asked = ArgumentCaptor.forClass(ListFlashJobsQuery.class);
            when(queryGateway.query(asked.capture(), any(ResponseType.class))).thenReturn((CompletableFuture)
                    CompletableFuture.completedFuture(new PageResult<>(List.of(), 0, 20, 0)));

            mvc.perform(get("/api/v1/flash-jobs?vehicleId=&campaignId=")).andExpect(status().isOk());

            assertThat(asked.getValue()).isEqualTo(new ListFlashJobsQuery(null, null, null,
                    ListCriteria.NONE, 0, 20));
        }

        @Test
        void anUnknownStatusOrSortIsRefusedByName() throws Exception {
            mvc.perform(get("/api/v1/flash-jobs?status=STUCK"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("status"));
            mvc.perform(get("/api/v1/flash-jobs?sort=firmwareId"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("sort"));
            verifyNoInteractions(queryGateway);
        }

        @Test
        void theCsvExportStreamsTheFilteredJobsAsAnAttachment() throws Exception {
            ArgumentCaptor<Object> asked = ArgumentCaptor.forClass(Object.class);
            when(queryGateway.streamingQuery(asked.capture(), eq(FlashJobView.class))).thenReturn(Flux.just(JOB));

            MvcResult result = mvc.perform(get("/api/v1/flash-jobs?status=RUNNING").accept("text/csv"))
                    .andExpect(request().asyncStarted()).andReturn();
            mvc.perform(asyncDispatch(result))
                    .andExpect(status().isOk())
                    .andExpect(content().contentType("text/csv;charset=UTF-8"))
                    .andExpect(header().string("Content-Disposition",
                            startsWith("attachment; filename=\"flash-jobs-")))
                    .andExpect(content().string(startsWith("flashJobId,vehicleId,ecu,firmwareId,fromVersion,"
                            + "toVersion,status,step,progressPct,requestedAt,startedAt,finishedAt,reason,requestedBy,"
                            + "campaignId\r\nfj-1,v-1,ECM,fw-2,1.0.0,1.1.0,RUNNING,TRANSFER,40,")));

            assertThat(asked.getValue()).isEqualTo(new ExportFlashJobsQuery(new ListFlashJobsQuery(null,
                    FlashJobStatus.RUNNING, null, ListCriteria.NONE, 0, 20), CsvExports.DEFAULT_MAX_ROWS));
        }
    }

    @Nested
    class Updates {

        @Test
        void theWatchSendsTheViewNowThenEachChange() throws Exception {
            FlashJobView further = new FlashJobView("fj-1", "v-1", "ECM", "fw-2", "1.0.0", "1.1.0",
                    FlashJobStatus.RUNNING, FlashStep.TRANSFER, 80, AT, AT, null, null, List.of(), "operator", null);
            AtomicBoolean cancelled = WebTests.answerSubscription(queryGateway, new WatchFlashJobQuery("fj-1"),
                    Mono.just(JOB), Flux.just(further));

            MvcResult result = mvc.perform(get("/api/v1/flash-jobs/fj-1/updates"))
                    .andExpect(request().asyncStarted()).andReturn();

            await().atMost(Duration.ofSeconds(5)).untilTrue(cancelled);
            assertThat(result.getResponse().getContentAsString()).containsSubsequence(
                    "event:flash-job\ndata:{\"flashJobId\":\"fj-1\"", "\"progressPct\":40",
                    "event:flash-job\ndata:{\"flashJobId\":\"fj-1\"", "\"progressPct\":80");
        }

        @Test
        void aJobNotProjectedYetStreamsItsFirstChange() throws Exception {
            AtomicBoolean cancelled = WebTests.answerSubscription(queryGateway, new WatchFlashJobQuery("fj-1"),
                    Mono.empty(), Flux.just(JOB));

            MvcResult result = mvc.perform(get("/api/v1/flash-jobs/fj-1/updates"))
                    .andExpect(request().asyncStarted()).andReturn();

            await().atMost(Duration.ofSeconds(5)).untilTrue(cancelled);
            assertThat(result.getResponse().getContentAsString())
                    .contains("event:flash-job\ndata:{\"flashJobId\":\"fj-1\"");
        }
    }
}
