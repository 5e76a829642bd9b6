package io.axle.command.vehicle;

import io.axle.api.vehicle.PairDongleCommand;
import io.axle.api.vehicle.RecordEcuCommand;
import io.axle.api.vehicle.RegisterVehicleCommand;
import io.axle.api.vehicle.SetThresholdCommand;
import io.axle.api.vehicle.UnpairDongleCommand;
import io.axle.api.common.Refusal;
import io.axle.command.CommandRefusalInterceptor;
import io.axle.command.WebAdapters;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The web adapter alone (no security rules): request shape, the commands it sends, the dongle's key. */
class VehicleCommandControllerTest {

    private static final String VALID = """
            {"vin": "1G4AH59H45G118341", "plate": "AB-123-CD", "plateCountry": "FR", "make": "Buick",
             "model": "LeSabre", "year": 2005, "ownerCustomerId": "c-1"}
            """;
    private static final TestingAuthenticationToken ALICE = new TestingAuthenticationToken("alice", "n/a");

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final KeysStub keys = new KeysStub();
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = WebAdapters.standalone(new VehicleCommandController(gateway, keys));
    }

    @Test
    void registeringAnswers201WithANewVehicleIdAndSendsTheRequest() throws Exception {
        String body = mvc.perform(post("/api/v1/vehicles").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content(VALID))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.vehicleId").isString())
                .andReturn().getResponse().getContentAsString();
        ArgumentCaptor<RegisterVehicleCommand> sent = ArgumentCaptor.forClass(RegisterVehicleCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        assertThat(body).contains(sent.getValue().vehicleId());
        assertThat(sent.getValue()).isEqualTo(new RegisterVehicleCommand(sent.getValue().vehicleId(),
                "1G4AH59H45G118341", "AB-123-CD", "FR", "Buick", "LeSabre", 2005, "c-1", "alice"));
    }

    @ParameterizedTest(name = "{1} → 400 on {2}")
    @CsvSource(delimiter = '|', value = {
            "\"vin\": \"1G4AH59H45G118341\"|\"vin\": \"\"|vin",
            "\"plate\": \"AB-123-CD\"|\"plate\": \" \"|plate",
            "\"plateCountry\": \"FR\"|\"plateCountry\": \"fr\"|plateCountry",
            "\"year\": 2005|\"year\": 1800|year",
            "\"ownerCustomerId\": \"c-1\"|\"ownerCustomerId\": \"c:1\"|ownerCustomerId"})
    void malformedRegistrationsAreA400NamingTheFieldAndSendNothing(String valid, String invalid, String field)
            throws Exception {
        mvc.perform(post("/api/v1/vehicles").contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace(valid, invalid)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value(field));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void pairingAnswersTheDeviceKeyOnceAndSendsItsId() throws Exception {
        mvc.perform(post("/api/v1/vehicles/v-1/dongle").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"dongleId\": \"dongle-7\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.dongleId").value("dongle-7"))
                .andExpect(jsonPath("$.keyId").value("key-1"))
                .andExpect(jsonPath("$.apiKey").value("axk_secret-1"));
        verify(gateway).sendAndWait(new PairDongleCommand("v-1", "dongle-7", "key-1", "alice"));
        assertThat(keys.issued).containsExactly("v-1/dongle-7");
        assertThat(keys.revoked).isEmpty();
    }

    @Test
    void aRefusedPairingRevokesTheKeyItMade() throws Exception {
        when(gateway.sendAndWait(any())).thenThrow(CommandRefusalInterceptor.refused(
                new Refusal(409, "dongleId", "already-paired", "dongle-7 is paired with v-2"), null));
        mvc.perform(post("/api/v1/vehicles/v-1/dongle").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"dongleId\": \"dongle-7\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("already-paired"));
        assertThat(keys.revoked).containsExactly("key-1");
    }

    @Test
    void aMalformedDongleIdIsA400() throws Exception {
        mvc.perform(post("/api/v1/vehicles/v-1/dongle").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"dongleId\": \"a b\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("dongleId"));
        assertThat(keys.issued).isEmpty();
    }

    @Test
    void unpairingRevokesTheKeyTheVehicleHeld() throws Exception {
        when(gateway.sendAndWait(new UnpairDongleCommand("v-1", "alice"))).thenReturn("key-9");
        mvc.perform(delete("/api/v1/vehicles/v-1/dongle").principal(ALICE))
                .andExpect(status().isNoContent());
        assertThat(keys.revoked).containsExactly("key-9");
    }

    @Test
    void settingALimitSendsIt() throws Exception {
        mvc.perform(put("/api/v1/vehicles/v-1/thresholds/coolant-high").principal(ALICE)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"limit\": 105.5}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.limit").value(105.5));
        verify(gateway).sendAndWait(new SetThresholdCommand("v-1", "coolant-high", 105.5, "alice"));
    }

    @Test
    void recordingAnEcuSendsIt() throws Exception {
        mvc.perform(put("/api/v1/vehicles/v-1/ecus/engine").principal(ALICE)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hardware\": \"ECM-2041\", \"version\": \"1.4.0\"}"))
                .andExpect(status().isNoContent());
        verify(gateway).sendAndWait(new RecordEcuCommand("v-1", "engine", "ECM-2041", "1.4.0", "alice"));
    }

    @Test
    void anEcuWithoutVersionIsA400() throws Exception {
        mvc.perform(put("/api/v1/vehicles/v-1/ecus/engine").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hardware\": \"ECM-2041\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("version"));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void aLimitOutOfBoundsIsA400() throws Exception {
        mvc.perform(put("/api/v1/vehicles/v-1/thresholds/coolant-high").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"limit\": 1e12}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("limit"));
        verify(gateway, never()).sendAndWait(any());
    }

    /** Keys issued and revoked, in memory. */
    static final class KeysStub implements DongleKeys {

        final List<String> issued = new ArrayList<>();
        final List<String> revoked = new ArrayList<>();

        @Override
        public IssuedKey issue(String vehicleId, String dongleId) {
            issued.add(vehicleId + "/" + dongleId);
            return new IssuedKey("key-" + issued.size(), "axk_secret-" + issued.size());
        }

        @Override
        public void revoke(String keyId) {
            revoked.add(keyId);
        }
    }
}
