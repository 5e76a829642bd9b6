package io.axle.platform.audit;

import java.util.ArrayList;
import java.util.List;

import io.axle.platform.web.NotFoundException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Reads one aggregate's events from the event store, from the first one and never from a snapshot. */
public final class AggregateEvents {

    private AggregateEvents() {
    }

    /**
     * Every event of aggregate {@code aggregateId}, oldest first.
     *
     * @throws NotFoundException if it has none, or is of another type than {@code aggregateType} (case ignored)
     */
    public static List<DomainEventMessage<?>> read(EventStore eventStore, String aggregateType, String aggregateId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(aggregateId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getType() != null && !event.getType().equalsIgnoreCase(aggregateType)) {
                throw new NotFoundException(aggregateType, aggregateId);
            }
            events.add(event);
        }
        if (events.isEmpty()) {
            throw new NotFoundException(aggregateType, aggregateId);
        }
        return events;
    }
}
