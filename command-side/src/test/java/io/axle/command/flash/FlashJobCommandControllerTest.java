package io.axle.command.flash;

import io.axle.api.common.Refusal;
import io.axle.api.flash.CancelFlashJobCommand;
import io.axle.api.flash.RequestFlashCommand;
import io.axle.api.vehicle.FindVehicleQuery;
import io.axle.api.vehicle.ReleaseFlashCommand;
import io.axle.api.vehicle.ReserveFlashCommand;
import io.axle.api.vehicle.VehicleView;
import io.axle.command.CommandRefusalInterceptor;
import io.axle.command.WebAdapters;
import io.axle.command.firmware.FirmwareCatalogue;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.hamcrest.MatcherAssert;
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

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.axle.command.RefusalMatchers.executionRefusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The web adapter with its preconditions and starter (no security rules): checks in order, commands sent. */
class FlashJobCommandControllerTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final FirmwareCatalogue.Entry FIRMWARE = new FirmwareCatalogue.Entry("fw-15", "engine", "1.5.0",
            SHA, 524288, List.of("ECM-20*"), "[1.0,2.0)", false);
    private static final TestingAuthenticationToken TECHNICIAN = new TestingAuthenticationToken("tom", "n/a",
            "ROLE_TECHNICIAN");
    private static final TestingAuthenticationToken ADMIN = new TestingAuthenticationToken("ada", "n/a",
            "ROLE_ADMIN");
    private static final String START = """
            {"vehicleId": "v-1", "ecu": "engine", "firmwareId": "fw-15"}
            """;

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final QueryGateway queries = mock(QueryGateway.class);
    private final Map<String, FirmwareCatalogue.Entry> firmware = new HashMap<>(Map.of("fw-15", FIRMWARE));
    private final Map<String, VehicleView> vehicles = new HashMap<>();
    private FlashJobStarter starter;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        vehicles.put("v-1", vehicle("dongle-7", true, 12.6));
        when(queries.query(any(FindVehicleQuery.class), any(ResponseType.class))).thenAnswer(call ->
                CompletableFuture.completedFuture(vehicles.get(call.<FindVehicleQuery>getArgument(0).vehicleId())));
        when(gateway.sendAndWait(any(ReserveFlashCommand.class))).thenReturn("1.4.0");
        FlashPreconditions preconditions = new FlashPreconditions(id -> Optional.ofNullable(firmware.get(id)),
                queries, 12.4, Duration.ofSeconds(1));
        starter = new FlashJobStarter(gateway, preconditions);
        mvc = WebAdapters.standalone(new FlashJobCommandController(gateway, starter, preconditions));
    }

    private static VehicleView vehicle(String dongleId, boolean online, Double batteryV) {
        VehicleView.LatestReadings latest = new VehicleView.LatestReadings(800.0, 0.0, 80.0, 20.0, 0.0, 50.0,
                batteryV, 1000.0, Instant.parse("2026-03-01T10:00:00Z"));
        return new VehicleView("v-1", "1G4AH59H45G118341", "AB-123-CD", "FR", "Buick", "LeSabre", 2005, null, null,
                2005, null, dongleId, online, null, latest, List.of(), List.of(), List.of(), List.of(), null,
                List.of(new VehicleView.Ecu("engine", "ECM-2041", "1.4.0", null)), null, null);
    }

    private ResultActions start(String body, TestingAuthenticationToken who) throws Exception {
        return mvc.perform(post("/api/v1/flash-jobs").principal(who).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private void sentNothing() {
        verify(gateway, never()).sendAndWait(any());
    }

    @Nested
    class Starting {

        @Test
        void reservesTheVehicleThenRequestsTheJob() throws Exception {
            String body = start(START, TECHNICIAN)
                    .andExpect(status().isAccepted())
                    .andExpect(header().string("Location", startsWith("/api/v1/flash-jobs/")))
                    .andReturn().getResponse().getContentAsString();
            ArgumentCaptor<ReserveFlashCommand> reserved = ArgumentCaptor.forClass(ReserveFlashCommand.class);
            verify(gateway).sendAndWait(reserved.capture());
            String jobId = reserved.getValue().flashJobId();
            assertThat(body).contains("\"flashJobId\":\"" + jobId + "\"");
            assertThat(reserved.getValue()).isEqualTo(new ReserveFlashCommand("v-1", jobId, "engine", "fw-15",
                    "1.5.0", List.of("ECM-20*"), "[1.0,2.0)", false, "tom"));
            verify(gateway).sendAndWait(new RequestFlashCommand(jobId, "v-1", "dongle-7", "engine", "fw-15",
                    "1.4.0", "1.5.0", SHA, 524288, null, "tom"));
        }

        @Test
        void theEcuIsNamedInLowerCase() throws Exception {
            start(START.replace("\"engine\"", "\"Engine\""), TECHNICIAN).andExpect(status().isAccepted());
            ArgumentCaptor<ReserveFlashCommand> reserved = ArgumentCaptor.forClass(ReserveFlashCommand.class);
            verify(gateway).sendAndWait(reserved.capture());
            assertThat(reserved.getValue().ecu()).isEqualTo("engine");
        }

        @Test
        void aDowngradeIsAllowedByAnAdminOnly() throws Exception {
            String downgrade = START.replace("}", ", \"allowDowngrade\": true}");
            start(downgrade, TECHNICIAN)
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.field").value("allowDowngrade"))
                    .andExpect(jsonPath("$.rule").value("admin-only"));
            sentNothing();
            start(downgrade, ADMIN).andExpect(status().isAccepted());
            ArgumentCaptor<ReserveFlashCommand> reserved = ArgumentCaptor.forClass(ReserveFlashCommand.class);
            verify(gateway).sendAndWait(reserved.capture());
            assertThat(reserved.getValue().allowDowngrade()).isTrue();
        }

        @Test
        void theVehiclesRefusalPassesThroughAndNoJobIsRequested() throws Exception {
            when(gateway.sendAndWait(any(ReserveFlashCommand.class))).thenThrow(CommandRefusalInterceptor.refused(
                    new Refusal(409, "vehicleId", "flash-running", "job-0 is running on v-1"), null));
            start(START, TECHNICIAN)
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.field").value("vehicleId"))
                    .andExpect(jsonPath("$.rule").value("flash-running"));
            verify(gateway, times(1)).sendAndWait(any());
        }

        @Test
        void aJobThatCannotBeCreatedReleasesTheVehicle() throws Exception {
            when(gateway.sendAndWait(any(RequestFlashCommand.class))).thenThrow(new IllegalStateException("store"));
            start(START, TECHNICIAN).andExpect(status().is5xxServerError());
            ArgumentCaptor<ReserveFlashCommand> reserved = ArgumentCaptor.forClass(ReserveFlashCommand.class);
            verify(gateway).sendAndWait(reserved.capture());
            ArgumentCaptor<ReleaseFlashCommand> released = ArgumentCaptor.forClass(ReleaseFlashCommand.class);
            verify(gateway).sendAndWait(released.capture());
            assertThat(released.getValue().flashJobId()).isEqualTo(reserved.getValue().flashJobId());
            assertThat(released.getValue().outcome()).isEqualTo("CANCELLED");
            assertThat(released.getValue().installedVersion()).isNull();
        }

        @ParameterizedTest(name = "{1} → 400 on {2}")
        @CsvSource(delimiter = '|', value = {
                "\"vehicleId\": \"v-1\"|\"vehicleId\": \"\"|vehicleId",
                "\"vehicleId\": \"v-1\"|\"vehicleId\": \"v 1\"|vehicleId",
                "\"ecu\": \"engine\"|\"ecu\": \"en gine\"|ecu",
                "\"firmwareId\": \"fw-15\"|\"firmwareId\": \" \"|firmwareId"})
        void malformedRequestsAreA400NamingTheField(String valid, String invalid, String field) throws Exception {
            start(START.replace(valid, invalid), TECHNICIAN)
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value(field));
            sentNothing();
        }
    }

    @Nested
    class StartingForACampaign {

        @Test
        void theJobCarriesItsIdAndCampaign() {
            assertThat(starter.start("job-9", "campaign-1", "v-1", "engine", "fw-15", false, "alice"))
                    .isEqualTo("job-9");
            verify(gateway).sendAndWait(new ReserveFlashCommand("v-1", "job-9", "engine", "fw-15", "1.5.0",
                    List.of("ECM-20*"), "[1.0,2.0)", false, "alice"));
            verify(gateway).sendAndWait(new RequestFlashCommand("job-9", "v-1", "dongle-7", "engine", "fw-15",
                    "1.4.0", "1.5.0", SHA, 524288, "campaign-1", "alice"));
        }

        @Test
        void aJobCreatedMeanwhileIsAnsweredAndKeepsTheVehicle() {
            when(gateway.sendAndWait(any(RequestFlashCommand.class))).thenThrow(CommandRefusalInterceptor.refused(
                    new Refusal(409, "flashJobId", "must-be-unique", "flashJobId 'job-9' already exists"), null));
            assertThat(starter.start("job-9", "campaign-1", "v-1", "engine", "fw-15", false, "alice"))
                    .isEqualTo("job-9");
            verify(gateway, never()).sendAndWait(any(ReleaseFlashCommand.class));
        }

        @Test
        void aRefusalOfThePreconditionsStartsNothing() {
            vehicles.put("v-1", vehicle("dongle-7", false, 12.6));
            assertThatThrownBy(() -> starter.start("job-9", "campaign-1", "v-1", "engine", "fw-15", false, "alice"))
                    .isInstanceOfSatisfying(CommandExecutionException.class, refused -> MatcherAssert.assertThat(
                            refused, executionRefusal(409, "vehicleId", "vehicle-offline")));
            sentNothing();
        }
    }

    @Nested
    class Preconditions {

        private void refused(int status, String field, String rule) throws Exception {
            start(START, TECHNICIAN)
                    .andExpect(status().is(status))
                    .andExpect(jsonPath("$.field").value(field))
                    .andExpect(jsonPath("$.rule").value(rule));
            sentNothing();
        }

        @Test
        void unknownFirmware() throws Exception {
            firmware.clear();
            refused(422, "firmwareId", "unknown-firmware");
        }

        @Test
        void withdrawnFirmware() throws Exception {
            firmware.put("fw-15", new FirmwareCatalogue.Entry("fw-15", "engine", "1.5.0", SHA, 524288, List.of(),
                    null, true));
            refused(409, "firmwareId", "withdrawn");
        }

        @Test
        void firmwareForAnotherEcu() throws Exception {
            firmware.put("fw-15", new FirmwareCatalogue.Entry("fw-15", "gearbox", "1.5.0", SHA, 524288, List.of(),
                    null, false));
            refused(422, "ecu", "incompatible-ecu");
        }

        @Test
        void unknownVehicle() throws Exception {
            vehicles.clear();
            refused(404, "vehicleId", "must-exist");
        }

        @Test
        void theFirmwareIsCheckedBeforeTheVehicle() throws Exception {
            vehicles.clear();
            firmware.clear();
            refused(422, "firmwareId", "unknown-firmware");
        }

        @Test
        void offlineVehicleOrNoDongle() throws Exception {
            vehicles.put("v-1", vehicle("dongle-7", false, 12.6));
            refused(409, "vehicleId", "vehicle-offline");
            vehicles.put("v-1", vehicle(null, false, 12.6));
            refused(409, "vehicleId", "vehicle-offline");
        }

        @Test
        void noBatteryReading() throws Exception {
            vehicles.put("v-1", vehicle("dongle-7", true, null));
            refused(409, "vehicleId", "battery-unknown");
        }

        @Test
        void batteryBelowTheThresholdNamesTheReading() throws Exception {
            vehicles.put("v-1", vehicle("dongle-7", true, 12.3));
            refused(409, "vehicleId", "battery-low");
            start(START, TECHNICIAN).andExpect(jsonPath("$.detail", containsString("12.3 V")));
        }

        @Test
        void theThresholdItselfIsEnough() throws Exception {
            vehicles.put("v-1", vehicle("dongle-7", true, 12.4));
            start(START, TECHNICIAN).andExpect(status().isAccepted());
        }

        @Test
        void showsEveryCheckWithoutSendingAnything() throws Exception {
            vehicles.put("v-1", vehicle("dongle-7", true, 11.9));
            mvc.perform(get("/api/v1/flash-jobs/preconditions").principal(TECHNICIAN)
                            .param("vehicleId", "v-1").param("ecu", "engine").param("firmwareId", "fw-15"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.ready").value(false))
                    .andExpect(jsonPath("$.checks[*].name").value(org.hamcrest.Matchers.contains("firmware-known",
                            "firmware-released", "firmware-ecu", "vehicle-known", "vehicle-online", "battery",
                            "compatible", "no-running-flash")))
                    .andExpect(jsonPath("$.checks[*].ok").value(org.hamcrest.Matchers.contains(true, true, true,
                            true, true, false, true, true)))
                    .andExpect(jsonPath("$.checks[5].rule").value("battery-low"))
                    .andExpect(jsonPath("$.checks[5].detail", containsString("11.9 V")))
                    .andExpect(jsonPath("$.checks[5].status").doesNotExist());
            sentNothing();
        }

        @Test
        void allChecksPassedMeansReady() throws Exception {
            mvc.perform(get("/api/v1/flash-jobs/preconditions").principal(TECHNICIAN)
                            .param("vehicleId", "v-1").param("ecu", "engine").param("firmwareId", "fw-15"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.ready").value(true));
        }

        @Test
        void showsWhatTheReadModelSaysOfTheEcuAndARunningFlash() throws Exception {
            VehicleView busy = vehicle("dongle-7", true, 12.6);
            vehicles.put("v-1", new VehicleView(busy.vehicleId(), busy.vin(), busy.plate(), busy.plateCountry(),
                    busy.make(), busy.model(), busy.year(), busy.manufacturer(), busy.country(), busy.modelYear(),
                    busy.ownerCustomerId(), busy.dongleId(), busy.online(), busy.lastSeenAt(), busy.latest(),
                    busy.troubleCodes(), busy.clearedTroubleCodes(), busy.alarms(), busy.warnings(),
                    busy.registeredAt(), List.of(new VehicleView.Ecu("engine", "TCM-1", "1.4.0", null)), "job-9",
                    null));
            mvc.perform(get("/api/v1/flash-jobs/preconditions").principal(TECHNICIAN)
                            .param("vehicleId", "v-1").param("ecu", "engine").param("firmwareId", "fw-15"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.ready").value(false))
                    .andExpect(jsonPath("$.checks[6].rule").value("incompatible-hardware"))
                    .andExpect(jsonPath("$.checks[7].rule").value("flash-running"))
                    .andExpect(jsonPath("$.checks[7].detail", containsString("job-9")));
            sentNothing();
        }

        @Test
        void aMalformedParameterIsA400() throws Exception {
            mvc.perform(get("/api/v1/flash-jobs/preconditions").principal(TECHNICIAN)
                            .param("vehicleId", "v-1").param("ecu", "engine_1").param("firmwareId", "fw-15"))
                    .andExpect(status().isBadRequest());
        }
    }

    @Nested
    class Cancelling {

        @Test
        void sendsTheCancellationWithItsReasonAndWho() throws Exception {
            mvc.perform(post("/api/v1/flash-jobs/job-1/cancel").principal(TECHNICIAN)
                            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"wrong vehicle\"}"))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.flashJobId").value("job-1"));
            verify(gateway).sendAndWait(new CancelFlashJobCommand("job-1", "wrong vehicle", "tom"));
        }

        @Test
        void aReasonIsOptional() throws Exception {
            mvc.perform(post("/api/v1/flash-jobs/job-1/cancel").principal(TECHNICIAN))
                    .andExpect(status().isAccepted());
            verify(gateway).sendAndWait(new CancelFlashJobCommand("job-1", null, "tom"));
        }

        @Test
        void theJobsRefusalPassesThrough() throws Exception {
            when(gateway.sendAndWait(any(CancelFlashJobCommand.class))).thenThrow(CommandRefusalInterceptor.refused(
                    new Refusal(409, "status", "erase-started", "ERASE was sent"), null));
            mvc.perform(post("/api/v1/flash-jobs/job-1/cancel").principal(TECHNICIAN))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.rule").value("erase-started"));
        }
    }
}
