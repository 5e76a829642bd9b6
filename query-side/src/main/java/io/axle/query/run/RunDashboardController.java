package io.axle.query.run;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the Grafana dashboard of the runs is ({@code infra/grafana/axle-simulation-runs.json}), so that the UI can link
 * a run to it: under {@value #PROPERTY} when that is set, nowhere otherwise (the UI then shows no link).
 */
@RestController
public class RunDashboardController {

    static final String PROPERTY = "axle.grafana.url";
    /** The dashboard's uid and slug, as provisioned from {@code infra/grafana/}. */
    static final String DASHBOARD_PATH = "/d/axle-simulation-runs/axle-simulation-runs";
    /** The dashboard variable that selects the run, as a query parameter. */
    static final String RUN_VARIABLE = "var-run";

    private final String grafanaUrl;

    public RunDashboardController(@Value("${" + PROPERTY + ":}") String grafanaUrl) {
        this.grafanaUrl = grafanaUrl.strip().replaceAll("/+$", "");
    }

    @GetMapping("/api/runs/dashboard")
    @PreAuthorize(RunQueryController.READERS)
    public RunDashboard dashboard() {
        return new RunDashboard(grafanaUrl.isEmpty() ? null : grafanaUrl + DASHBOARD_PATH, RUN_VARIABLE);
    }

    /**
     * The dashboard's address (null when Grafana is not configured) and the query parameter naming the run in it; the
     * time range goes in Grafana's own {@code from} and {@code to}, in epoch milliseconds.
     */
    public record RunDashboard(String url, String runParameter) {
    }
}
