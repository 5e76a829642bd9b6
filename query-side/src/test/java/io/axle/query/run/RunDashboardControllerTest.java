package io.axle.query.run;

import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** Where the UI links a run's Grafana dashboard: under axle.grafana.url, or nowhere when it is not set. */
class RunDashboardControllerTest {

    private static MockMvc mvc(String grafanaUrl) {
        return MockMvcBuilders.standaloneSetup(new RunDashboardController(grafanaUrl)).build();
    }

    @Test
    void theDashboardIsUnderTheConfiguredGrafanaWithTheRunVariable() throws Exception {
        mvc("https://grafana.example.com/ ").perform(get("/api/runs/dashboard"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.url")
                        .value("https://grafana.example.com/d/axle-simulation-runs/axle-simulation-runs"))
                .andExpect(jsonPath("$.runParameter").value("var-run"));
    }

    @Test
    void withoutGrafanaThereIsNoDashboard() throws Exception {
        mvc("").perform(get("/api/runs/dashboard"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.url").value(nullValue()));
    }
}
