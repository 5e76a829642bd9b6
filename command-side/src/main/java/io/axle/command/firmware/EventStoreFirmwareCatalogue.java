package io.axle.command.firmware;

import io.axle.api.firmware.FirmwareReleasedEvent;
import io.axle.api.firmware.FirmwareWithdrawnEvent;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Reads a firmware from its event stream, from the first event. Reading takes no lock, so starting flashes never
 * queues behind the firmware aggregate; what it reads is current the moment the firmware's last command was stored,
 * on any node (a withdrawal refuses every flash checked after it).
 */
@Component
public class EventStoreFirmwareCatalogue implements FirmwareCatalogue {

    private final EventStore eventStore;

    public EventStoreFirmwareCatalogue(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<Entry> find(String firmwareId) {
        if (firmwareId == null || firmwareId.isBlank()) {
            return Optional.empty();
        }
        Entry entry = null;
        DomainEventStream events = eventStore.readEvents(firmwareId, 0);
        while (events.hasNext()) {
            Object payload = events.next().getPayload();
            if (payload instanceof FirmwareReleasedEvent released) {
                entry = new Entry(released.firmwareId(), released.ecu(), released.version(), released.sha256(),
                        released.size(), released.hardware(), released.fromVersions(), false);
            } else if (entry != null && payload instanceof FirmwareWithdrawnEvent) {
                entry = entry.asWithdrawn();
            }
        }
        return Optional.ofNullable(entry);
    }
}
