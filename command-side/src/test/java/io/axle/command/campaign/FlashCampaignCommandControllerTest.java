package io.axle.command.campaign;

import io.axle.api.campaign.ApproveFlashCampaignCommand;
import io.axle.api.campaign.CampaignTarget;
import io.axle.api.campaign.CreateFlashCampaignCommand;
import io.axle.api.campaign.FindCampaignTargetsQuery;
import io.axle.api.campaign.PauseFlashCampaignCommand;
import io.axle.api.campaign.ResumeFlashCampaignCommand;
import io.axle.api.campaign.StartFlashCampaignCommand;
import io.axle.api.campaign.StopFlashCampaignCommand;
import io.axle.api.common.Refusal;
import io.axle.command.CommandRefusalInterceptor;
import io.axle.command.WebAdapters;
import io.axle.command.firmware.FirmwareCatalogue;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The campaigns' web adapter (no security rules): firmware and target checked, vehicles split, commands sent. */
class FlashCampaignCommandControllerTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final FirmwareCatalogue.Entry FIRMWARE = new FirmwareCatalogue.Entry("fw-15", "engine", "1.5.0",
            SHA, 524288, List.of("ECM-20*"), "[1.0,2.0)", false);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final TestingAuthenticationToken TECHNICIAN = new TestingAuthenticationToken("tom", "n/a",
            "ROLE_TECHNICIAN");
    private static final String CREATE = """
            {"name": "Engine 1.5.0", "firmwareId": "fw-15", "target": {"make": "Buick", "yearFrom": 2004},
             "groups": 3, "successThresholdPct": 80, "errorThresholdPct": 10}
            """;

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final QueryGateway queries = mock(QueryGateway.class);
    private final Map<String, FirmwareCatalogue.Entry> firmware = new HashMap<>(Map.of("fw-15", FIRMWARE));
    private final List<String> targets = new ArrayList<>(List.of("v-1", "v-2", "v-3", "v-4", "v-5", "v-6", "v-7"));
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        when(queries.query(any(FindCampaignTargetsQuery.class), any(ResponseType.class))).thenAnswer(call ->
                CompletableFuture.completedFuture(List.copyOf(targets)));
        mvc = WebAdapters.standalone(new FlashCampaignCommandController(gateway, queries,
                id -> Optional.ofNullable(firmware.get(id)), Duration.ofSeconds(1), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private ResultActions create(String body) throws Exception {
        return mvc.perform(post("/api/v1/flash-campaigns").principal(TECHNICIAN)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private CreateFlashCampaignCommand created() {
        ArgumentCaptor<CreateFlashCampaignCommand> sent = ArgumentCaptor.forClass(CreateFlashCampaignCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        return sent.getValue();
    }

    private void refused(String body, int status, String field, String rule) throws Exception {
        create(body)
                .andExpect(status().is(status))
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.rule").value(rule));
        verify(gateway, never()).sendAndWait(any());
    }

    @Nested
    class Creating {

        @Test
        void splitsTheTargetIntoGroupsInTheOrderAnswered() throws Exception {
            String body = create(CREATE)
                    .andExpect(status().isCreated())
                    .andExpect(header().string("Location", startsWith("/api/v1/flash-campaigns/")))
                    .andExpect(jsonPath("$.vehicles").value(7))
                    .andExpect(jsonPath("$.groups").value(contains(3, 2, 2)))
                    .andReturn().getResponse().getContentAsString();
            CreateFlashCampaignCommand command = created();
            assertThat(body).contains("\"campaignId\":\"" + command.campaignId() + "\"");
            assertThat(command).isEqualTo(new CreateFlashCampaignCommand(command.campaignId(), "Engine 1.5.0",
                    "fw-15", "engine", "1.5.0", new CampaignTarget("Buick", null, 2004, null, null),
                    List.of(List.of("v-1", "v-2", "v-3"), List.of("v-4", "v-5"), List.of("v-6", "v-7")), 80, 10,
                    false, NOW.plus(Duration.ofDays(7)), "tom"));
        }

        @Test
        void asksForTheVehiclesWithTheFirmwaresEcu() throws Exception {
            create(CREATE.replace("\"make\": \"Buick\", \"yearFrom\": 2004",
                    "\"vehicleIds\": [\"v-2\", \"v-1\", \"v-2\"]")).andExpect(status().isCreated());
            verify(queries).query(new FindCampaignTargetsQuery(new CampaignTarget(null, null, null, null,
                    List.of("v-2", "v-1")), "engine", FlashCampaignCommandController.MAX_VEHICLES),
                    ResponseTypes.multipleInstancesOf(String.class));
        }

        @Test
        void takesTheDeadlineAndApprovalAsked() throws Exception {
            create(CREATE.replace("\"groups\": 3", "\"groups\": 3, \"requiresApproval\": true, "
                    + "\"deadline\": \"2026-03-03T10:00:00Z\"")).andExpect(status().isCreated());
            CreateFlashCampaignCommand command = created();
            assertThat(command.requiresApproval()).isTrue();
            assertThat(command.deadline()).isEqualTo(Instant.parse("2026-03-03T10:00:00Z"));
        }

        @Test
        void asManyGroupsAsVehiclesMakesGroupsOfOne() throws Exception {
            create(CREATE.replace("\"groups\": 3", "\"groups\": 7"))
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.groups").value(contains(1, 1, 1, 1, 1, 1, 1)));
        }

        @Test
        void theAggregatesRefusalPassesThrough() throws Exception {
            when(gateway.sendAndWait(any(CreateFlashCampaignCommand.class))).thenThrow(
                    CommandRefusalInterceptor.refused(new Refusal(422, "deadline", "future", "in the past"), null));
            create(CREATE)
                    .andExpect(status().isUnprocessableEntity())
                    .andExpect(jsonPath("$.rule").value("future"));
        }
    }

    @Nested
    class Refusals {

        @Test
        void unknownFirmware() throws Exception {
            firmware.clear();
            refused(CREATE, 422, "firmwareId", "unknown-firmware");
        }

        @Test
        void withdrawnFirmware() throws Exception {
            firmware.put("fw-15", new FirmwareCatalogue.Entry("fw-15", "engine", "1.5.0", SHA, 524288, List.of(),
                    null, true));
            refused(CREATE, 409, "firmwareId", "withdrawn");
        }

        @Test
        void noVehicleInTheTarget() throws Exception {
            targets.clear();
            refused(CREATE, 422, "target", "no-vehicle");
        }

        @Test
        void moreGroupsThanVehicles() throws Exception {
            refused(CREATE.replace("\"groups\": 3", "\"groups\": 8"), 422, "groups", "more-groups-than-vehicles");
        }

        @Test
        void yearsOutOfOrder() throws Exception {
            refused(CREATE.replace("\"yearFrom\": 2004", "\"yearFrom\": 2006, \"yearTo\": 2004"), 422,
                    "target.yearTo", "year-range");
        }

        @ParameterizedTest(name = "{1} → 400 on {2}")
        @CsvSource(delimiter = '|', value = {
                "\"name\": \"Engine 1.5.0\"|\"name\": \" \"|name",
                "\"firmwareId\": \"fw-15\"|\"firmwareId\": \"fw 15\"|firmwareId",
                "\"groups\": 3|\"groups\": 0|groups",
                "\"groups\": 3|\"groups\": 101|groups",
                "\"successThresholdPct\": 80|\"successThresholdPct\": 0|successThresholdPct",
                "\"errorThresholdPct\": 10|\"errorThresholdPct\": 101|errorThresholdPct",
                "\"target\": {\"make\": \"Buick\", \"yearFrom\": 2004}|\"target\": null|target",
                "\"yearFrom\": 2004|\"vehicleIds\": []|target.vehicleIds"})
        void malformedRequestsAreA400NamingTheField(String valid, String invalid, String field) throws Exception {
            create(CREATE.replace(valid, invalid))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value(field));
            verify(gateway, never()).sendAndWait(any());
        }
    }

    @Nested
    class MovingAlong {

        private ResultActions post(String action, String body) throws Exception {
            MockHttpServletRequestBuilder request = MockMvcRequestBuilders
                    .post("/api/v1/flash-campaigns/campaign-1/" + action).principal(TECHNICIAN);
            return mvc.perform(body == null ? request
                    : request.contentType(MediaType.APPLICATION_JSON).content(body));
        }

        @Test
        void approves() throws Exception {
            post("approve", null).andExpect(status().isOk()).andExpect(jsonPath("$.campaignId").value("campaign-1"));
            verify(gateway).sendAndWait(new ApproveFlashCampaignCommand("campaign-1", "tom"));
        }

        @Test
        void starts() throws Exception {
            post("start", null).andExpect(status().isAccepted());
            verify(gateway).sendAndWait(new StartFlashCampaignCommand("campaign-1", "tom"));
        }

        @Test
        void pausesWithOrWithoutAReason() throws Exception {
            post("pause", "{\"reason\": \"check group 0\"}").andExpect(status().isOk());
            verify(gateway).sendAndWait(new PauseFlashCampaignCommand("campaign-1", "check group 0", "tom"));
            post("pause", null).andExpect(status().isOk());
            verify(gateway).sendAndWait(new PauseFlashCampaignCommand("campaign-1", null, "tom"));
        }

        @Test
        void resumes() throws Exception {
            post("resume", null).andExpect(status().isAccepted());
            verify(gateway).sendAndWait(new ResumeFlashCampaignCommand("campaign-1", "tom"));
        }

        @Test
        void stops() throws Exception {
            post("stop", "{\"reason\": \"bricked ECUs\"}").andExpect(status().isAccepted());
            verify(gateway).sendAndWait(new StopFlashCampaignCommand("campaign-1", "bricked ECUs", "tom"));
        }

        @Test
        void theCampaignsRefusalPassesThrough() throws Exception {
            when(gateway.sendAndWait(any(StartFlashCampaignCommand.class))).thenThrow(
                    CommandRefusalInterceptor.refused(new Refusal(409, "status", "not-ready", "approve it"), null));
            post("start", null)
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.field").value("status"))
                    .andExpect(jsonPath("$.rule").value("not-ready"));
        }
    }

    @Test
    void splitsAsEvenlyAsPossible() {
        assertThat(FlashCampaignCommandController.split(List.of("a", "b", "c", "d", "e"), 2))
                .containsExactly(List.of("a", "b", "c"), List.of("d", "e"));
        assertThat(FlashCampaignCommandController.split(List.of("a", "b"), 1))
                .containsExactly(List.of("a", "b"));
    }
}
