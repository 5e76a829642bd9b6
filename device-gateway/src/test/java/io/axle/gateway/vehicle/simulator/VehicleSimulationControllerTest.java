package io.axle.gateway.vehicle.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.platform.vehicle.VehicleEnrolment;
import io.axle.gateway.mqtt.BrokerEndpoint;
import io.axle.platform.web.ProblemAdvice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The simulator's refusals, each a problem naming field and rule, and nothing registered then; a node without a broker
 * answers 503 (no security here: roles are the application's).
 */
class VehicleSimulationControllerTest {

    private final List<String> registered = new CopyOnWriteArrayList<>();
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        VehicleEnrolment enrolment = new VehicleEnrolment() {
            @Override
            public String register(Registration registration, String by) {
                registered.add(registration.vin());
                return "v-" + registered.size();
            }

            @Override
            public DongleCredentials pair(String vehicleId, String dongleId, String by) {
                return new DongleCredentials(dongleId, "k", "secret");
            }

            @Override
            public void recordEcu(String vehicleId, String ecu, String hardware, String version, String by) {
            }
        };
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("enrolment", enrolment);
        SimulatedFleet fleet = new SimulatedFleet(beans.getBeanProvider(BrokerEndpoint.class),
                beans.getBeanProvider(VehicleEnrolment.class), new ObjectMapper());
        mvc = MockMvcBuilders.standaloneSetup(new VehicleSimulationController(fleet))
                .setControllerAdvice(new ProblemAdvice()).build();
    }

    @Test
    void refusesCountsOutsideOneToAThousand() throws Exception {
        simulate("{\"count\": 0}").andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("count")).andExpect(jsonPath("$.rule").value("range"));
        simulate("{\"count\": 1001}").andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("count"));
        simulate("{\"count\": \"five\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("count")).andExpect(jsonPath("$.rule").value("integer"));
        simulate("{\"count\": 2.5}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("count"));
        assertThat(registered).isEmpty();
    }

    @Test
    void refusesIntervalsOutsideOneSecondToOneHourOrMalformed() throws Exception {
        simulate("{\"count\": 1, \"interval\": 0.5}").andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("interval")).andExpect(jsonPath("$.rule").value("range"));
        simulate("{\"count\": 1, \"interval\": \"PT2H\"}").andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("interval")).andExpect(jsonPath("$.rule").value("range"));
        simulate("{\"count\": 1, \"interval\": \"soon\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("interval")).andExpect(jsonPath("$.rule").value("duration"));
        simulate("{\"count\": 1, \"interval\": true}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("interval"));
        assertThat(registered).isEmpty();
    }

    @Test
    void readsIntervalsAsSecondsOrIsoDurations() {
        ObjectMapper json = new ObjectMapper();
        assertThat(VehicleSimulationController.interval(json.valueToTree(5))).hasSeconds(5);
        assertThat(VehicleSimulationController.interval(json.valueToTree("30"))).hasSeconds(30);
        assertThat(VehicleSimulationController.interval(json.valueToTree("PT1M"))).hasSeconds(60);
        assertThat(VehicleSimulationController.interval(null)).hasSeconds(10);
    }

    @Test
    void refusesUnknownScenariosAndFaults() throws Exception {
        simulate("{\"count\": 1, \"scenario\": \"race\"}").andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("scenario"))
                .andExpect(jsonPath("$.rule").value("unknown-scenario"));
        mvc.perform(post("/api/v1/vehicles/v-1/simulate/flat-tyre")).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("fault")).andExpect(jsonPath("$.rule").value("unknown-fault"));
        mvc.perform(post("/api/v1/vehicles/v-1/simulate/trouble-code")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.field").value("vehicleId"))
                .andExpect(jsonPath("$.rule").value("not-simulated"));
        simulate("[1]").andExpect(status().isBadRequest()).andExpect(jsonPath("$.rule").value("json-object"));
        assertThat(registered).isEmpty();
    }

    @Test
    void aNodeWithoutBrokerAnswersUnavailableAndStoppingNothingIsFine() throws Exception {
        simulate("{\"count\": 1, \"interval\": \"PT1S\", \"scenario\": \"drive\"}")
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.rule").value("simulator-unavailable"));
        assertThat(registered).isEmpty();
        mvc.perform(delete("/api/v1/vehicles/simulate")).andExpect(status().isNoContent());
    }

    @Test
    void refusesUnknownFlashFailuresAndProbabilitiesOutsideZeroToOne() throws Exception {
        simulate("{\"count\": 1, \"flash\": {\"failAt\": \"coffee\"}}").andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("flash.failAt"))
                .andExpect(jsonPath("$.rule").value("unknown-fail-at"));
        simulate("{\"count\": 1, \"flash\": {\"failAt\": \"verify\", \"probability\": 1.5}}")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("flash.probability")).andExpect(jsonPath("$.rule").value("range"));
        simulate("{\"count\": 1, \"flash\": {\"probability\": \"often\"}}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("flash.probability")).andExpect(jsonPath("$.rule").value("number"));
        simulate("{\"count\": 1, \"flash\": \"verify\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("flash")).andExpect(jsonPath("$.rule").value("json-object"));
        mvc.perform(post("/api/v1/vehicles/v-1/simulate/flash").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"failAt\": \"erase\"}"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.rule").value("not-simulated"));
        mvc.perform(post("/api/v1/vehicles/v-1/simulate/flash").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"probability\": -0.1}"))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.field").value("probability"));
        assertThat(registered).isEmpty();
    }

    @Test
    void readsFlashBehaviours() {
        ObjectMapper json = new ObjectMapper();
        assertThat(VehicleSimulationController.flash(null, "flash."))
                .isEqualTo(SimulatedEcuFlasher.Behaviour.RELIABLE);
        assertThat(VehicleSimulationController.flash(json.valueToTree(Map.of("failAt", "timeout")), ""))
                .isEqualTo(new SimulatedEcuFlasher.Behaviour(SimulatedEcuFlasher.FailAt.TIMEOUT, 1));
        assertThat(VehicleSimulationController.flash(json.valueToTree(Map.of("probability", 0.2)), ""))
                .isEqualTo(new SimulatedEcuFlasher.Behaviour(null, 0.2));
    }

    private ResultActions simulate(String body) throws Exception {
        return mvc.perform(post("/api/v1/vehicles/simulate").contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
