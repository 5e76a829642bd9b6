package io.axle.platform.messaging;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators' view of the dead-letter queues: {@code GET /api/v1/admin/dead-letters} lists every group's letters,
 * {@code POST /api/v1/admin/dead-letters/{processingGroup}/retry} tries them all now. There is deliberately no way to
 * evict a letter: a dead invoice event is work still owed, to be retried once its cause is fixed.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/v1/admin/dead-letters")
    public List<DeadLetters.Group> list() {
        return deadLetters.all();
    }

    @PostMapping("/api/v1/admin/dead-letters/{processingGroup}/retry")
    public DeadLetters.RetryOutcome retry(@PathVariable String processingGroup) {
        return deadLetters.retry(processingGroup, Integer.MAX_VALUE);
    }
}
