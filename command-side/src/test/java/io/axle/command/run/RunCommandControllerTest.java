package io.axle.command.run;

import io.axle.api.common.Refusal;
import io.axle.api.run.FinishRunCommand;
import io.axle.api.run.InterruptAllRunsCommand;
import io.axle.api.run.InterruptRunCommand;
import io.axle.api.run.RunSlots;
import io.axle.api.run.RunStatus;
import io.axle.api.run.RunView;
import io.axle.api.run.StartRunCommand;
import io.axle.command.CommandRefusalInterceptor;
import io.axle.platform.web.ProblemAdvice;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.mockito.ArgumentCaptor;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The web adapter with the problem mapping and the application's JSON dates, but no security: request shape,
 * validation, the commands sent and the answers.
 */
class RunCommandControllerTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Principal ALICE = () -> "alice";
    private static final String START = "{\"duration\": 60, \"interval\": 5, \"params\": {\"sensors\": 3}}";

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final RunVisibility visibility = mock(RunVisibility.class);

    @BeforeEach
    void everyChangeShowsInTime() {
        when(visibility.started(any())).thenReturn(true);
        when(visibility.ended(any())).thenReturn(true);
    }

    private MockMvc mvc(String publicUrl) {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        return MockMvcBuilders.standaloneSetup(new RunCommandController(gateway, visibility, publicUrl))
                .setControllerAdvice(new ProblemAdvice())
                .setValidator(validator)
                .setMessageConverters(new MappingJackson2HttpMessageConverter(Jackson2ObjectMapperBuilder.json()
                        .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()))
                .build();
    }

    private MockMvc mvc() {
        return mvc("");
    }

    private static RunView started(StartRunCommand command) {
        return new RunView(command.runId(), command.username(), RunStatus.RUNNING, T0, null, command.duration(),
                command.interval(), command.params(), null, command.name());
    }

    private void startsAreAccepted() {
        when(gateway.<RunView>sendAndWait(any(StartRunCommand.class)))
                .thenAnswer(call -> started(call.getArgument(0)));
    }

    private StartRunCommand sentStart() {
        ArgumentCaptor<StartRunCommand> sent = ArgumentCaptor.forClass(StartRunCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        return sent.getValue();
    }

    // start

    @Test
    void startSendsTheRunToTheSlotsAsTheAuthenticatedUser() throws Exception {
        startsAreAccepted();

        mvc().perform(post("/api/runs/start").principal(ALICE).contentType(MediaType.APPLICATION_JSON).content(START))
                .andExpect(status().isCreated());

        StartRunCommand command = sentStart();
        assertThat(command.slotsId()).isEqualTo(RunSlots.ID);
        assertThat(command.runId()).matches("[0-9a-f-]{36}");
        assertThat(command.username()).isEqualTo("alice");
        assertThat(command.duration()).isEqualTo(60);
        assertThat(command.interval()).isEqualTo(5);
        assertThat(command.params()).isEqualTo(Map.of("sensors", 3));
    }

    @Test
    void startAnswers201WithTheRunItsLocationAndItsLivePage() throws Exception {
        startsAreAccepted();

        String body = mvc().perform(post("/api/runs/start").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content(START))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", matchesPattern("/api/runs/[0-9a-f-]{36}")))
                .andExpect(jsonPath("$.username").value("alice"))
                .andExpect(jsonPath("$.status").value("RUNNING"))
                .andExpect(jsonPath("$.startedAt").value("2026-03-02T09:00:00Z"))
                .andExpect(jsonPath("$.finishedAt").doesNotExist())
                .andExpect(jsonPath("$.duration").value(60))
                .andExpect(jsonPath("$.interval").value(5))
                .andExpect(jsonPath("$.params.sensors").value(3))
                .andReturn().getResponse().getContentAsString();

        String runId = sentStart().runId();
        assertThat(body).contains("\"id\":\"" + runId + "\"")
                .contains("\"grafanaUrl\":\"http://localhost/#/runs/" + runId + "\"");
    }

    @Test
    void theLivePageUsesThePublicUrlWhenOneIsConfigured() throws Exception {
        startsAreAccepted();

        String body = mvc("https://axle.example.com/").perform(post("/api/runs/start").principal(ALICE)
                        .contentType(MediaType.APPLICATION_JSON).content(START))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();

        assertThat(body).contains("\"grafanaUrl\":\"https://axle.example.com/#/runs/" + sentStart().runId() + "\"");
    }

    @Test
    void startSendsTheRunsNameAndAnswersWithIt() throws Exception {
        startsAreAccepted();

        mvc().perform(post("/api/runs/start").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"duration\": 60, \"interval\": 5, \"name\": \"Cold start, rig 4\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("Cold start, rig 4"));

        assertThat(sentStart().name()).isEqualTo("Cold start, rig 4");
    }

    @Test
    void aNameOfMoreThanAHundredCharactersIsA400NamingNameAndSendsNothing() throws Exception {
        mvc().perform(post("/api/runs/start").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"duration\": 60, \"interval\": 5, \"name\": \"" + "x".repeat(101) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("name"));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void startWithoutParamsSendsAnEmptyMap() throws Exception {
        startsAreAccepted();

        mvc().perform(post("/api/runs/start").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"duration\": 60, \"interval\": 5}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.params").isEmpty());

        assertThat(sentStart().params()).isEmpty();
    }

    @Test
    void startWithoutDurationIsA400NamingDurationAndSendsNothing() throws Exception {
        mvc().perform(post("/api/runs/start").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"interval\": 5}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("duration"))
                .andExpect(jsonPath("$.rule").value("not-null"));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void startWithZeroIntervalIsA400NamingInterval() throws Exception {
        mvc().perform(post("/api/runs/start").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"duration\": 60, \"interval\": 0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("interval"))
                .andExpect(jsonPath("$.rule").value("positive"));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void startWithParamsThatAreNotAnObjectIsA400NamingParams() throws Exception {
        mvc().perform(post("/api/runs/start").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"duration\": 60, \"interval\": 5, \"params\": [1, 2]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("params"));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void startWithADurationThatIsNotANumberIsA400() throws Exception {
        mvc().perform(post("/api/runs/start").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"duration\": \"soon\", \"interval\": 5}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("duration"));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void aSixthStartIsA409ProblemNamingTheLimitAndTheHolders() throws Exception {
        String detail = "At most 5 runs may be RUNNING at once; held by r-1, r-2, r-3, r-4, r-5";
        when(gateway.sendAndWait(any(StartRunCommand.class))).thenThrow(CommandRefusalInterceptor.refused(
                new Refusal(409, "runs", "max-running-runs", detail), null));

        mvc().perform(post("/api/runs/start").principal(ALICE).contentType(MediaType.APPLICATION_JSON).content(START))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("runs"))
                .andExpect(jsonPath("$.rule").value("max-running-runs"))
                .andExpect(jsonPath("$.detail").value(detail));
    }

    @Test
    void aStartThatLostTheRaceToCreateTheSlotsIsSentAgain() throws Exception {
        when(gateway.<RunView>sendAndWait(any(StartRunCommand.class)))
                .thenThrow(new AggregateStreamCreationException("slots exist already"))
                .thenAnswer(call -> started(call.getArgument(0)));

        mvc().perform(post("/api/runs/start").principal(ALICE).contentType(MediaType.APPLICATION_JSON).content(START))
                .andExpect(status().isCreated());

        verify(gateway, times(2)).sendAndWait(any(StartRunCommand.class));
    }

    @Test
    void aStartThatLostARaceWithAnotherNodeIsSentAgain() throws Exception {
        when(gateway.<RunView>sendAndWait(any(StartRunCommand.class)))
                .thenThrow(new ConcurrencyException("slots moved on", new IllegalStateException("duplicate key")))
                .thenAnswer(call -> started(call.getArgument(0)));

        mvc().perform(post("/api/runs/start").principal(ALICE).contentType(MediaType.APPLICATION_JSON).content(START))
                .andExpect(status().isCreated());

        verify(gateway, times(2)).sendAndWait(any(StartRunCommand.class));
    }

    @Test
    void aRefusedStartIsNotSentAgain() throws Exception {
        when(gateway.sendAndWait(any(StartRunCommand.class))).thenThrow(CommandRefusalInterceptor.refused(
                new Refusal(409, "runs", "max-running-runs", "full"), new ConcurrencyException("inner")));

        mvc().perform(post("/api/runs/start").principal(ALICE).contentType(MediaType.APPLICATION_JSON).content(START))
                .andExpect(status().isConflict());

        verify(gateway, times(1)).sendAndWait(any(StartRunCommand.class));
    }

    @Test
    void aStartThatKeepsLosingRacesGivesUp() throws Exception {
        when(gateway.<RunView>sendAndWait(any(StartRunCommand.class)))
                .thenThrow(new AggregateStreamCreationException("slots exist already"));

        mvc().perform(post("/api/runs/start").principal(ALICE).contentType(MediaType.APPLICATION_JSON).content(START))
                .andExpect(status().isConflict());

        verify(gateway, times(RunCommandController.SLOTS_ATTEMPTS)).sendAndWait(any(StartRunCommand.class));
    }

    // finish

    @Test
    void finishSendsFinishRunAndAnswersTheCompletedRun() throws Exception {
        Instant finishedAt = T0.plusSeconds(30);
        when(gateway.<RunView>sendAndWait(new FinishRunCommand("r-1", "finished by alice"))).thenReturn(
                new RunView("r-1", "bob", RunStatus.COMPLETED, T0, finishedAt, 60, 5, Map.of(), null));

        mvc().perform(post("/api/runs/r-1/finish").principal(ALICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("r-1"))
                .andExpect(jsonPath("$.username").value("bob"))
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.finishedAt").value("2026-03-02T09:00:30Z"))
                .andExpect(jsonPath("$.grafanaUrl").value("http://localhost/#/runs/r-1"));
    }

    @Test
    void finishingARunThatEndedIsA409NamingStatus() throws Exception {
        when(gateway.sendAndWait(any(FinishRunCommand.class))).thenThrow(CommandRefusalInterceptor.refused(
                new Refusal(409, "status", "run-not-running", "cannot finish run r-1 while it is COMPLETED"), null));

        mvc().perform(post("/api/runs/r-1/finish").principal(ALICE))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("status"))
                .andExpect(jsonPath("$.rule").value("run-not-running"));
    }

    @Test
    void finishingAnUnknownRunIsA404() throws Exception {
        when(gateway.sendAndWait(any(FinishRunCommand.class))).thenThrow(CommandRefusalInterceptor.refused(
                new Refusal(404, "runId", "must-exist", "runId 'r-x' does not exist"), null));

        mvc().perform(post("/api/runs/r-x/finish").principal(ALICE))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.field").value("runId"));
    }

    // interrupt-all

    @Test
    void interruptAllInterruptsEveryRunHoldingASlot() throws Exception {
        when(gateway.<List<String>>sendAndWait(eq(new InterruptAllRunsCommand(RunSlots.ID, "alice"))))
                .thenReturn(List.of("r-1", "r-2"));

        mvc().perform(post("/api/runs/interrupt-all").principal(ALICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.interrupted").value(2))
                .andExpect(jsonPath("$.runIds[0]").value("r-1"))
                .andExpect(jsonPath("$.runIds[1]").value("r-2"));

        verify(gateway).sendAndWait(new InterruptRunCommand("r-1", "interrupted by alice"));
        verify(gateway).sendAndWait(new InterruptRunCommand("r-2", "interrupted by alice"));
    }

    @Test
    void interruptAllWithNothingRunningInterruptsNothing() throws Exception {
        when(gateway.<List<String>>sendAndWait(any(InterruptAllRunsCommand.class))).thenReturn(List.of());

        mvc().perform(post("/api/runs/interrupt-all").principal(ALICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.interrupted").value(0))
                .andExpect(jsonPath("$.runIds").isEmpty());

        verify(gateway, never()).sendAndWait(any(InterruptRunCommand.class));
    }

    @Test
    void oneRunThatCannotBeInterruptedDoesNotStopTheOthersButFailsTheRequest() throws Exception {
        when(gateway.<List<String>>sendAndWait(any(InterruptAllRunsCommand.class)))
                .thenReturn(List.of("r-1", "r-2"));
        when(gateway.sendAndWait(new InterruptRunCommand("r-1", "interrupted by alice")))
                .thenThrow(CommandRefusalInterceptor.refused(
                        new Refusal(404, "runId", "must-exist", "runId 'r-1' does not exist"), null));

        mvc().perform(post("/api/runs/interrupt-all").principal(ALICE))
                .andExpect(status().isNotFound());

        verify(gateway).sendAndWait(new InterruptRunCommand("r-2", "interrupted by alice"));
    }

    /** Answers come once the change is visible to reads and to the device gateway, or as 202 when that takes too long. */
    @Nested
    class AnswersOnceVisible {

        @Test
        void aStartAnswersAfterTheRunIsVisibleAnd202WhenItIsNotInTime() throws Exception {
            startsAreAccepted();
            ArgumentCaptor<StartRunCommand> sent = ArgumentCaptor.forClass(StartRunCommand.class);

            mvc().perform(post("/api/runs/start").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                    .content(START)).andExpect(status().isCreated());

            InOrder order = inOrder(gateway, visibility);
            order.verify(gateway).sendAndWait(sent.capture());
            order.verify(visibility).started(sent.getValue().runId());

            when(visibility.started(any())).thenReturn(false);
            mvc().perform(post("/api/runs/start").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                            .content(START))
                    .andExpect(status().isAccepted())
                    .andExpect(header().string("Location", matchesPattern("/api/runs/[0-9a-f-]{36}")))
                    .andExpect(jsonPath("$.status").value("RUNNING"));
        }

        @Test
        void aFinishAnswersAfterTheEndIsVisibleAnd202WhenItIsNotInTime() throws Exception {
            when(gateway.<RunView>sendAndWait(any(FinishRunCommand.class))).thenReturn(
                    new RunView("r-1", "bob", RunStatus.COMPLETED, T0, T0.plusSeconds(1), 60, 5, Map.of(), null));

            mvc().perform(post("/api/runs/r-1/finish").principal(ALICE)).andExpect(status().isOk());
            InOrder order = inOrder(gateway, visibility);
            order.verify(gateway).sendAndWait(any(FinishRunCommand.class));
            order.verify(visibility).ended(List.of("r-1"));

            when(visibility.ended(any())).thenReturn(false);
            mvc().perform(post("/api/runs/r-1/finish").principal(ALICE))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.status").value("COMPLETED"));
        }

        @Test
        void interruptAllAnswersAfterEveryInterruptedRunIsSeenEnded() throws Exception {
            when(gateway.<List<String>>sendAndWait(any(InterruptAllRunsCommand.class)))
                    .thenReturn(List.of("r-1", "r-2"));

            mvc().perform(post("/api/runs/interrupt-all").principal(ALICE)).andExpect(status().isOk());
            InOrder order = inOrder(gateway, visibility);
            order.verify(gateway).sendAndWait(new InterruptRunCommand("r-2", "interrupted by alice"));
            order.verify(visibility).ended(List.of("r-1", "r-2"));

            when(visibility.ended(any())).thenReturn(false);
            mvc().perform(post("/api/runs/interrupt-all").principal(ALICE))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.interrupted").value(2));
        }

        @Test
        void aRefusedStartWaitsForNothing() throws Exception {
            when(gateway.sendAndWait(any(StartRunCommand.class)))
                    .thenThrow(CommandRefusalInterceptor.refused(
                            new Refusal(409, "runs", "max-running-runs", "At most 5 runs"), null));

            mvc().perform(post("/api/runs/start").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                    .content(START)).andExpect(status().isConflict());

            verify(visibility, never()).started(any());
        }
    }
}
