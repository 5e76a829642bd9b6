package io.axle.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How a run's params turn into a number of simulated sensors. */
class SimulationPlanTest {

    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put((String) pairs[i], pairs[i + 1]);
        }
        return params;
    }

    @Test
    void simulateTrueGivesThreeSensors() {
        assertThat(SimulationPlan.of(params("simulate", true))).contains(new SimulationPlan(3));
    }

    @Test
    void simulateTrueTakesTheSensorsParam() {
        assertThat(SimulationPlan.of(params("simulate", true, "sensors", 7))).contains(new SimulationPlan(7));
    }

    @Test
    void simulateANumberIsTheSensorCount() {
        assertThat(SimulationPlan.of(params("simulate", 5))).contains(new SimulationPlan(5));
    }

    @Test
    void simulateAnObjectNamesTheSensorCount() {
        assertThat(SimulationPlan.of(params("simulate", Map.of("sensors", 2)))).contains(new SimulationPlan(2));
        assertThat(SimulationPlan.of(params("simulate", Map.of()))).contains(new SimulationPlan(3));
    }

    @Test
    void theCountStaysBetweenOneAndFifty() {
        assertThat(SimulationPlan.of(params("simulate", 500))).contains(new SimulationPlan(50));
        assertThat(SimulationPlan.of(params("simulate", true, "sensors", 0))).contains(new SimulationPlan(1));
    }

    @Test
    void nothingIsSimulatedUnlessAsked() {
        assertThat(SimulationPlan.of(null)).isEmpty();
        assertThat(SimulationPlan.of(params())).isEmpty();
        assertThat(SimulationPlan.of(params("simulate", false, "sensors", 4))).isEmpty();
        assertThat(SimulationPlan.of(params("simulate", "maybe"))).isEmpty();
    }
}
