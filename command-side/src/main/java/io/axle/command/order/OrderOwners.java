package io.axle.command.order;

import java.util.Optional;

import io.axle.api.order.OrderPlacedEvent;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Whose an order is, as its first event tells it: read from the event store, so that it is known as soon as the order
 * is placed and on every node, without waiting for a read model.
 */
class OrderOwners {

    private final EventStore eventStore;

    OrderOwners(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The customer the order was placed for; empty when there is no such order. */
    Optional<String> customerOf(String orderId) {
        // from sequence 0, so that a snapshot never stands in for the placing event
        DomainEventStream events = eventStore.readEvents(orderId, 0);
        if (!events.hasNext()) {
            return Optional.empty();
        }
        return events.next().getPayload() instanceof OrderPlacedEvent placed
                ? Optional.ofNullable(placed.customerId()) : Optional.empty();
    }
}
