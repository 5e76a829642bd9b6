package io.axle.command.vehicle;

import io.axle.api.customer.CustomerRegisteredEvent;
import io.axle.platform.privacy.PersonalDataKeys;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads a customer's stream from the event store, looking at the events' types only (nothing is decrypted), and asks
 * the key store whether the customer was erased. Takes no lock, so registering vehicles never queues behind a customer.
 */
@Component
public class EventStoreVehicleOwners implements VehicleOwners {

    private final EventStore eventStore;
    private final PersonalDataKeys keys;

    public EventStoreVehicleOwners(EventStore eventStore, PersonalDataKeys keys) {
        this.eventStore = eventStore;
        this.keys = keys;
    }

    @Override
    public OwnerStatus status(String customerId) {
        if (keys.erasedAt(customerId).isPresent()) {
            return OwnerStatus.ERASED;
        }
        DomainEventStream events = eventStore.readEvents(customerId, 0);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getPayloadType() == CustomerRegisteredEvent.class) {
                return OwnerStatus.KNOWN;
            }
        }
        return OwnerStatus.UNKNOWN;
    }
}
