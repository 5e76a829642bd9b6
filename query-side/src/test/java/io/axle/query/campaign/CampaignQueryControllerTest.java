package io.axle.query.campaign;

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

import io.axle.api.campaign.CampaignStatus;
import io.axle.api.campaign.CampaignTarget;
import io.axle.api.campaign.CampaignView;
import io.axle.api.campaign.CampaignView.Group;
import io.axle.api.campaign.CampaignView.Totals;
import io.axle.api.campaign.FindCampaignQuery;
import io.axle.api.campaign.ListCampaignsQuery;
import io.axle.api.campaign.WatchCampaignQuery;
import io.axle.api.common.ListCriteria;
import io.axle.api.common.PageResult;
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

/** The flash campaign read API's HTTP contract, on a standalone MockMvc with the query gateway mocked. */
class CampaignQueryControllerTest {

    private static final Instant AT = Instant.parse("2026-03-02T12:00:00Z");
    static final CampaignView CAMPAIGN = campaign(new Totals(5, 2, 1, 1, 1, 0, 0));

    private final QueryGateway queryGateway = mock(QueryGateway.class);
    private UpdateStreams streams;
    private MockMvc mvc;

    static CampaignView campaign(Totals totals) {
        return new CampaignView("c-1", "Spring update", "fw-2", "ECM", "1.1.0",
                new CampaignTarget("Renault", null, 2019, null, null), CampaignStatus.RUNNING, 80, 20, false,
                AT.plusSeconds(86_400), "operator", AT, null, AT.plusSeconds(1), null, null, 0, totals,
                List.of(new Group(0, "RUNNING", new Totals(2, 0, 1, 1, 0, 0, 0)),
                        new Group(1, "SCHEDULED", new Totals(3, 3, 0, 0, 0, 0, 0))));
    }

    @BeforeEach
    void setUp() {
        streams = new UpdateStreams(queryGateway, Duration.ofMillis(100));
        mvc = WebTests.mockMvc(new CampaignQueryController(queryGateway, streams,
                new CsvExports(queryGateway, CsvExports.DEFAULT_MAX_ROWS)));
    }

    @AfterEach
    void tearDown() {
        streams.destroy();
    }

    @Nested
    class OneCampaign {

        @Test
        void aCampaignShowsItsStatusThresholdsTotalsAndGroups() throws Exception {
            when(queryGateway.query(eq(new FindCampaignQuery("c-1")), eq(CampaignView.class)))
                    .thenReturn(CompletableFuture.completedFuture(CAMPAIGN));

            mvc.perform(get("/api/v1/flash-campaigns/c-1"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("RUNNING"))
                    .andExpect(jsonPath("$.target.make").value("Renault"))
                    .andExpect(jsonPath("$.successThresholdPct").value(80))
                    .andExpect(jsonPath("$.errorThresholdPct").value(20))
                    .andExpect(jsonPath("$.deadline").value("2026-03-03T12:00:00Z"))
                    .andExpect(jsonPath("$.totals.waiting").value(2))
                    .andExpect(jsonPath("$.totals.running").value(1))
                    .andExpect(jsonPath("$.groups[1].status").value("SCHEDULED"))
                    .andExpect(jsonPath("$.groups[1].totals.vehicles").value(3));
        }

        @Test
        void anUnknownCampaignIsNotFound() throws Exception {
            when(queryGateway.query(eq(new FindCampaignQuery("c-x")), eq(CampaignView.class)))
                    .thenReturn(CompletableFuture.completedFuture(null));

            mvc.perform(get("/api/v1/flash-campaigns/c-x"))
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.resource").value("flash-campaign"));
        }
    }

    @Nested
    class List_ {

        @Test
        @SuppressWarnings({"unchecked", "rawtypes"})
        void theListPassesStatusSearchSortAndPaging() throws Exception {
            ArgumentCaptor<ListCampaignsQuery> asked = ArgumentCaptor.forClass(ListCampaignsQuery.class);
            when(queryGateway.query(asked.capture(), any(ResponseType.class))).thenReturn((CompletableFuture)
                    CompletableFuture.completedFuture(new PageResult<>(List.of(CAMPAIGN), 1, 5, 6)));

            mvc.perform(get("/api/v1/flash-campaigns?status=PAUSED&q=spring&sort=name,desc&page=1&size=5"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.content[0].campaignId").value("c-1"))
                    .andExpect(jsonPath("$.totalElements").value(6));

            assertThat(asked.getValue()).isEqualTo(new ListCampaignsQuery(CampaignStatus.PAUSED,
                    new ListCriteria("spring", null, null, "name", true), 1, 5));
        }

        @Test
        @SuppressWarnings({"unchecked", "rawtypes"})
        void everyStatusAndTheFirstPageOfTwentyIsTheDefault() throws Exception {
            ArgumentCaptor<ListCampaignsQuery> asked = ArgumentCaptor.forClass(ListCampaignsQuery.class);
            when(queryGateway.query(asked.capture(), any(ResponseType.class))).thenReturn((CompletableFuture)
                    CompletableFuture.completedFuture(new PageResult<>(List.of(), 0, 20, 0)));

            mvc.perform(get("/api/v1/flash-campaigns?status=")).andExpect(status().isOk());

            assertThat(asked.getValue()).isEqualTo(new ListCampaignsQuery(null, ListCriteria.NONE, 0, 20));
        }

        @Test
        void anUnknownStatusOrSortIsRefusedByName() throws Exception {
            mvc.perform(get("/api/v1/flash-campaigns?status=STUCK"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("status"));
            mvc.perform(get("/api/v1/flash-campaigns?sort=firmwareId"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("sort"));
            verifyNoInteractions(queryGateway);
        }

        @Test
        void theCsvExportStreamsTheFilteredCampaignsWithTheirCounts() throws Exception {
            ArgumentCaptor<Object> asked = ArgumentCaptor.forClass(Object.class);
            when(queryGateway.streamingQuery(asked.capture(), eq(CampaignView.class))).thenReturn(Flux.just(CAMPAIGN));

            MvcResult result = mvc.perform(get("/api/v1/flash-campaigns?status=RUNNING").accept("text/csv"))
                    .andExpect(request().asyncStarted()).andReturn();
            mvc.perform(asyncDispatch(result))
                    .andExpect(status().isOk())
                    .andExpect(content().contentType("text/csv;charset=UTF-8"))
                    .andExpect(header().string("Content-Disposition",
                            startsWith("attachment; filename=\"flash-campaigns-")))
                    .andExpect(content().string(startsWith("campaignId,name,firmwareId,ecu,toVersion,status,"
                            + "successThresholdPct,errorThresholdPct,groups,currentGroup,vehicles,waiting,running,"
                            + "flashed,failed,cancelled,expired,createdBy,createdAt,startedAt,finishedAt,"
                            + "pauseReason\r\n"
                            + "c-1,Spring update,fw-2,ECM,1.1.0,RUNNING,80,20,2,0,5,2,1,1,1,0,0,operator,")));

            assertThat(asked.getValue()).isEqualTo(new ExportCampaignsQuery(new ListCampaignsQuery(
                    CampaignStatus.RUNNING, ListCriteria.NONE, 0, 20), CsvExports.DEFAULT_MAX_ROWS));
        }
    }

    @Nested
    class Updates {

        @Test
        void theWatchSendsTheViewNowThenEachChange() throws Exception {
            CampaignView further = campaign(new Totals(5, 2, 0, 2, 1, 0, 0));
            AtomicBoolean cancelled = WebTests.answerSubscription(queryGateway, new WatchCampaignQuery("c-1"),
                    Mono.just(CAMPAIGN), Flux.just(further));

            MvcResult result = mvc.perform(get("/api/v1/flash-campaigns/c-1/updates"))
                    .andExpect(request().asyncStarted()).andReturn();

            await().atMost(Duration.ofSeconds(5)).untilTrue(cancelled);
            assertThat(result.getResponse().getContentAsString()).containsSubsequence(
                    "event:flash-campaign\ndata:{\"campaignId\":\"c-1\"", "\"flashed\":1",
                    "event:flash-campaign\ndata:{\"campaignId\":\"c-1\"", "\"flashed\":2");
        }

        @Test
        void aCampaignNotProjectedYetStreamsItsFirstChange() throws Exception {
            AtomicBoolean cancelled = WebTests.answerSubscription(queryGateway, new WatchCampaignQuery("c-1"),
                    Mono.empty(), Flux.just(CAMPAIGN));

            MvcResult result = mvc.perform(get("/api/v1/flash-campaigns/c-1/updates"))
                    .andExpect(request().asyncStarted()).andReturn();

            await().atMost(Duration.ofSeconds(5)).untilTrue(cancelled);
            assertThat(result.getResponse().getContentAsString())
                    .contains("event:flash-campaign\ndata:{\"campaignId\":\"c-1\"");
        }
    }
}
