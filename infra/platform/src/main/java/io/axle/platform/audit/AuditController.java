package io.axle.platform.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit/{aggregateType}/{aggregateId}}: every event of one aggregate, oldest first. The same path
 * with {@code asOf} is the query side's (the state as it stood then), so a process without read models does not
 * answer it with today's history.
 */
@RestController
public class AuditController {

    /** One event as the audit trail shows it. */
    public record AuditEntry(long sequenceNumber, String type, Instant timestamp, Object payload,
                             Map<String, Object> metadata) {

        /** The entry of {@code event}. */
        public static AuditEntry of(DomainEventMessage<?> event) {
            return new AuditEntry(event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                    event.getTimestamp(), event.getPayload(), event.getMetaData());
        }
    }

    private final EventStore eventStore;

    public AuditController(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @GetMapping(value = "/api/v1/audit/{aggregateType}/{aggregateId}", params = "!asOf")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','ANALYST')")
    public List<AuditEntry> history(@PathVariable String aggregateType, @PathVariable String aggregateId) {
        return AggregateEvents.read(eventStore, aggregateType, aggregateId).stream().map(AuditEntry::of).toList();
    }
}
