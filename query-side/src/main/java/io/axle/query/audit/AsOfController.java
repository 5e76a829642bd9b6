package io.axle.query.audit;

import io.axle.platform.audit.AggregateEvents;
import io.axle.platform.audit.AuditController.AuditEntry;
import io.axle.platform.web.NotFoundException;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit/{aggregateType}/{aggregateId}?asOf=<instant>}: the aggregate as its read model showed it
 * at that instant, rebuilt from its events up to then, with those events. Orders and invoices have such a state;
 * another type, or an aggregate with no event by then, answers 404.
 */
@RestController
public class AsOfController {

    /** The state of one aggregate as of an instant, and the events (oldest first) that led to it. */
    public record AsOf(String aggregateType, String aggregateId, Instant asOf, Object state, List<AuditEntry> events) {
    }

    private final EventStore eventStore;
    private final AsOfViews views;
    private final AsOfStates states;

    public AsOfController(EventStore eventStore, AsOfViews views, AsOfStates states) {
        this.eventStore = eventStore;
        this.views = views;
        this.states = states;
    }

    @GetMapping(value = "/api/v1/audit/{aggregateType}/{aggregateId}", params = "asOf")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','ANALYST')")
    public AsOf asOf(@PathVariable String aggregateType, @PathVariable String aggregateId,
                     @RequestParam Instant asOf) {
        AsOfView view = views.of(aggregateType).orElseThrow(() -> new NotFoundException(aggregateType, aggregateId));
        List<DomainEventMessage<?>> events = AggregateEvents.read(eventStore, view.aggregateType(), aggregateId)
                .stream().filter(event -> !event.getTimestamp().isAfter(asOf)).toList();
        Object state = events.isEmpty() ? null : states.state(view, aggregateId, events);
        if (state == null) {
            throw new NotFoundException(aggregateType, aggregateId);
        }
        return new AsOf(view.aggregateType(), aggregateId, asOf, state,
                events.stream().map(AuditEntry::of).toList());
    }
}
