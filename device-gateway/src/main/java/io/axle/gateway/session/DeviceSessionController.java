package io.axle.gateway.session;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/devices/sessions}: the devices connected to any node, for admins and technicians. */
@RestController
class DeviceSessionController {

    private final DeviceSessions sessions;

    DeviceSessionController(DeviceSessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/api/devices/sessions")
    @PreAuthorize("hasAnyRole('ADMIN','TECHNICIAN')")
    public List<DeviceSession> sessions() {
        return sessions.all();
    }
}
