package io.axle.platform.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.axle.platform.web.NotFoundException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit/{aggregateType}/{aggregateId}}: every event of one aggregate, oldest first. */
@RestController
public class AuditController {

    /** One event as the audit trail shows it. */
    public record AuditEntry(long sequenceNumber, String type, Instant timestamp, Object payload,
                             Map<String, Object> metadata) {
    }

    private final EventStore eventStore;

    public AuditController(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @GetMapping("/api/v1/audit/{aggregateType}/{aggregateId}")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','ANALYST')")
    public List<AuditEntry> history(@PathVariable String aggregateType, @PathVariable String aggregateId) {
        List<AuditEntry> entries = new ArrayList<>();
        // from the first event, not from the latest snapshot
        DomainEventStream stream = eventStore.readEvents(aggregateId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getType() != null && !event.getType().equalsIgnoreCase(aggregateType)) {
                throw new NotFoundException(aggregateType, aggregateId);
            }
            entries.add(new AuditEntry(event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                    event.getTimestamp(), event.getPayload(), event.getMetaData()));
        }
        if (entries.isEmpty()) {
            throw new NotFoundException(aggregateType, aggregateId);
        }
        return entries;
    }
}
