package io.axle.platform.messaging;

import java.util.List;

import io.axle.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators' view of the event processors: {@code GET /api/v1/admin/processors} lists them with position, lag,
 * owners and a replay's progress (the admin screen polls it every second), and
 * {@code POST /api/v1/admin/processors/{name}/replay} rebuilds a projection from the first event, answering 202 with
 * its status, or a 409 problem when the processor is not a projection or another node runs it. A projection built in
 * two versions (ADR 0020) is listed at {@code GET /api/v1/admin/projections}, and
 * {@code POST /api/v1/admin/projections/{name}/switch} makes queries read its new version now, or answers 409 when it
 * has not caught up.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
public class ProcessorController {

    private final Processors processors;
    private final ProjectionVersions versions;

    public ProcessorController(Processors processors, ProjectionVersions versions) {
        this.processors = processors;
        this.versions = versions;
    }

    @GetMapping("/api/v1/admin/processors")
    public List<Processors.Status> list() {
        return processors.list();
    }

    @GetMapping("/api/v1/admin/processors/{name}")
    public Processors.Status get(@PathVariable String name) {
        return processors.get(name);
    }

    @PostMapping("/api/v1/admin/processors/{name}/replay")
    public ResponseEntity<Processors.Status> replay(@PathVariable String name) {
        return ResponseEntity.accepted().body(processors.replay(name));
    }

    @GetMapping("/api/v1/admin/projections")
    public List<ProjectionVersions.State> projections() {
        return versions.states();
    }

    @PostMapping("/api/v1/admin/projections/{name}/switch")
    public ProjectionVersions.State switchVersion(@PathVariable String name) {
        return versions.switchNow(name);
    }

    @ExceptionHandler(Processors.RefusedException.class)
    ResponseEntity<ProblemDetail> refused(Processors.RefusedException refused) {
        ProblemDetail problem = Problems.refusal(HttpStatus.CONFLICT, "name", refused.rule(), refused.getMessage());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
}
