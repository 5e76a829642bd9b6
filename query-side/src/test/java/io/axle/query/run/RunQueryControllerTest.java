package io.axle.query.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.axle.api.common.PageResult;
import io.axle.api.run.FindAllRunsQuery;
import io.axle.api.run.FindRunQuery;
import io.axle.api.run.ListRunsQuery;
import io.axle.api.run.RunStatus;
import io.axle.api.run.RunView;
import io.axle.api.run.WatchRunsQuery;
import io.axle.platform.web.ProblemAdvice;
import io.axle.query.UpdateStreams;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.Registration;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.DefaultSubscriptionQueryResult;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import io.axle.query.CsvExports;

/** The run read API's HTTP contract, on a standalone MockMvc with the query gateway mocked. */
class RunQueryControllerTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final QueryGateway queryGateway = mock(QueryGateway.class);
    private UpdateStreams streams;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        streams = new UpdateStreams(queryGateway, Duration.ofMillis(100));
        mvc = mvc("");
    }

    private MockMvc mvc(String publicUrl) {
        return MockMvcBuilders.standaloneSetup(new RunQueryController(queryGateway, streams,
                new CsvExports(queryGateway, CsvExports.DEFAULT_MAX_ROWS), publicUrl))
                .setControllerAdvice(new ProblemAdvice())
                .setMessageConverters(new MappingJackson2HttpMessageConverter(Jackson2ObjectMapperBuilder.json()
                        .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()))
                .build();
    }

    @AfterEach
    void tearDown() {
        streams.destroy();
    }

    // can-start

    @Test
    void aRunCanStartWhileFewerThanFiveSlotsAreHeld() throws Exception {
        ArgumentCaptor<ListRunsQuery> asked = answerListWith(new PageResult<>(List.of(run("r-1")), 0, 1, 4));
        answerHeldWith(4);

        mvc.perform(get("/api/runs/can-start"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.canStart").value(true))
                .andExpect(jsonPath("$.running").value(4))
                .andExpect(jsonPath("$.limit").value(5))
                .andExpect(jsonPath("$.held").value(4));

        assertThat(asked.getValue()).isEqualTo(new ListRunsQuery(RunStatus.RUNNING, 0, 1));
        verify(queryGateway, never()).query(any(FindRunQuery.class), eq(RunView.class));
    }

    @Test
    void noRunCanStartWhenFiveSlotsAreHeld() throws Exception {
        answerListWith(new PageResult<>(List.of(run("r-1")), 0, 1, 5));
        answerHeldWith(5);

        mvc.perform(get("/api/runs/can-start"))
                .andExpect(jsonPath("$.canStart").value(false))
                .andExpect(jsonPath("$.running").value(5))
                .andExpect(jsonPath("$.held").value(5));
    }

    /** A run that ended keeps its slot until the saga releases it, and a start meanwhile would be refused. */
    @Test
    void noRunCanStartWhileEndedRunsStillHoldTheFreedSlots() throws Exception {
        answerListWith(new PageResult<>(List.of(run("r-1")), 0, 1, 3));
        answerHeldWith(5);

        mvc.perform(get("/api/runs/can-start"))
                .andExpect(jsonPath("$.canStart").value(false))
                .andExpect(jsonPath("$.running").value(3))
                .andExpect(jsonPath("$.limit").value(5))
                .andExpect(jsonPath("$.held").value(5));
    }

    // running, all, one

    @Test
    void runningListsTheRunningRunsWithTheirLivePages() throws Exception {
        ArgumentCaptor<ListRunsQuery> asked = answerListWith(new PageResult<>(List.of(run("r-2"), run("r-1")), 0, 200, 2));

        mvc.perform(get("/api/runs/running"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value("r-2"))
                .andExpect(jsonPath("$[0].grafanaUrl").value("http://localhost/#/runs/r-2"))
                .andExpect(jsonPath("$[1].id").value("r-1"));

        assertThat(asked.getValue()).isEqualTo(new ListRunsQuery(RunStatus.RUNNING, 0, 200));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void allListsEveryRun() throws Exception {
        when(queryGateway.query(eq(new FindAllRunsQuery()), any(ResponseType.class)))
                .thenReturn((CompletableFuture) CompletableFuture.completedFuture(List.of(run("r-2"), run("r-1"))));

        mvc.perform(get("/api/runs/all"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[1].grafanaUrl").value("http://localhost/#/runs/r-1"));
    }

    @Test
    void oneRunShowsTheSeedFields() throws Exception {
        when(queryGateway.query(new FindRunQuery("r-1"), RunView.class))
                .thenReturn(CompletableFuture.completedFuture(new RunView("r-1", "alice", RunStatus.COMPLETED, T0,
                        T0.plusSeconds(60), 60, 5, Map.of("sensors", 3), "/#/runs/r-1")));

        mvc.perform(get("/api/runs/r-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("r-1"))
                .andExpect(jsonPath("$.username").value("alice"))
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.startedAt").value("2026-03-02T09:00:00Z"))
                .andExpect(jsonPath("$.finishedAt").value("2026-03-02T09:01:00Z"))
                .andExpect(jsonPath("$.duration").value(60))
                .andExpect(jsonPath("$.interval").value(5))
                .andExpect(jsonPath("$.params.sensors").value(3))
                .andExpect(jsonPath("$.grafanaUrl").value("http://localhost/#/runs/r-1"));
    }

    @Test
    void theLivePageIsUnderThePublicUrlWhenOneIsConfigured() throws Exception {
        when(queryGateway.query(new FindRunQuery("r-1"), RunView.class))
                .thenReturn(CompletableFuture.completedFuture(run("r-1")));

        mvc("https://axle.example.com").perform(get("/api/runs/r-1"))
                .andExpect(jsonPath("$.grafanaUrl").value("https://axle.example.com/#/runs/r-1"));
    }

    @Test
    void anUnknownRunIsNotFound() throws Exception {
        when(queryGateway.query(new FindRunQuery("r-x"), RunView.class))
                .thenReturn(CompletableFuture.completedFuture(null));

        mvc.perform(get("/api/runs/r-x"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.resource").value("run"))
                .andExpect(jsonPath("$.id").value("r-x"));
    }

    // paged list

    @Test
    void listAsksForTheFirstPageOfTwentyByDefault() throws Exception {
        ArgumentCaptor<ListRunsQuery> asked = answerListWith(new PageResult<>(List.of(run("r-1")), 0, 20, 1));

        mvc.perform(get("/api/runs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].id").value("r-1"))
                .andExpect(jsonPath("$.content[0].grafanaUrl").value("http://localhost/#/runs/r-1"))
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.size").value(20));

        assertThat(asked.getValue()).isEqualTo(new ListRunsQuery(null, 0, 20));
    }

    @Test
    void listPassesStatusAndPaging() throws Exception {
        ArgumentCaptor<ListRunsQuery> asked = answerListWith(new PageResult<>(List.of(), 2, 50, 0));

        mvc.perform(get("/api/runs?status=INTERRUPTED&page=2&size=50")).andExpect(status().isOk());

        assertThat(asked.getValue()).isEqualTo(new ListRunsQuery(RunStatus.INTERRUPTED, 2, 50));
    }

    @Test
    void anUnknownStatusIsABadRequestNamingStatus() throws Exception {
        mvc.perform(get("/api/runs?status=PAUSED"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("status"));
        verifyNoInteractions(queryGateway);
    }

    @Test
    void aPageLargerThanTwoHundredIsABadRequestNamingSize() throws Exception {
        mvc.perform(get("/api/runs?size=201"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("size"));
        verifyNoInteractions(queryGateway);
    }

    // live updates

    @Test
    void theRunWatchSendsTheNewestRunsOldestFirstThenEveryChange() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        answerSubscriptionWith(new WatchRunsQuery(null), Mono.just(List.of(run("r-2"), run("r-1"))),
                Flux.just(run("r-3")), cancelled);

        MvcResult result = mvc.perform(get("/api/runs/updates")).andExpect(request().asyncStarted()).andReturn();

        await().atMost(Duration.ofSeconds(5)).untilTrue(cancelled);
        assertThat(result.getResponse().getContentAsString()).containsSubsequence(
                "event:run\ndata:{\"id\":\"r-1\"", "\"grafanaUrl\":\"http://localhost/#/runs/r-1\"",
                "event:run\ndata:{\"id\":\"r-2\"",
                "event:run\ndata:{\"id\":\"r-3\"");
    }

    @Test
    void aWatchOfOneRunNotInTheReadModelYetWaitsForItsFirstChange() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        answerSubscriptionWith(new WatchRunsQuery("r-9"), Mono.just(List.of()), Flux.just(run("r-9")), cancelled);

        MvcResult result = mvc.perform(get("/api/runs/updates?runId=r-9")).andExpect(request().asyncStarted())
                .andReturn();

        await().atMost(Duration.ofSeconds(5)).untilTrue(cancelled);
        assertThat(result.getResponse().getContentAsString()).contains("event:run\ndata:{\"id\":\"r-9\"");
    }

    private static RunView run(String id) {
        return new RunView(id, "alice", RunStatus.RUNNING, T0, null, 60, 5, Map.of(), "/#/runs/" + id);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ArgumentCaptor<ListRunsQuery> answerListWith(PageResult<RunView> page) {
        ArgumentCaptor<ListRunsQuery> asked = ArgumentCaptor.forClass(ListRunsQuery.class);
        when(queryGateway.query(asked.capture(), any(ResponseType.class)))
                .thenReturn((CompletableFuture) CompletableFuture.completedFuture(page));
        return asked;
    }

    private void answerHeldWith(long held) {
        when(queryGateway.query(new HeldRunSlotsQuery(), Long.class))
                .thenReturn(CompletableFuture.completedFuture(held));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void answerSubscriptionWith(Object query, Mono<?> initial, Flux<?> updates, AtomicBoolean cancelled) {
        Registration registration = () -> {
            cancelled.set(true);
            return true;
        };
        when(queryGateway.subscriptionQuery(eq(query), any(ResponseType.class), any(ResponseType.class)))
                .thenReturn(new DefaultSubscriptionQueryResult(initial, updates, registration));
    }
}
