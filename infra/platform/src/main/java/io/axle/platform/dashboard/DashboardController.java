package io.axle.platform.dashboard;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/dashboard}: the home page's figures, which it polls every five seconds. */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR', 'ANALYST')")
public class DashboardController {

    private final Kpis kpis;

    public DashboardController(Kpis kpis) {
        this.kpis = kpis;
    }

    @GetMapping("/api/v1/dashboard")
    public Kpis.Figures figures() {
        return kpis.now();
    }
}
