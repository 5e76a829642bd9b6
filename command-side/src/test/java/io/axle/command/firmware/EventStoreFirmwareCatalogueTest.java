package io.axle.command.firmware;

import io.axle.api.firmware.FirmwareReleasedEvent;
import io.axle.api.firmware.FirmwareWithdrawnEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventStoreFirmwareCatalogueTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final String SHA = "0f".repeat(32);

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final FirmwareCatalogue catalogue = new EventStoreFirmwareCatalogue(store);

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    private void publish(String firmwareId, long sequence, Object event) {
        store.publish(new GenericDomainEventMessage<>("Firmware", firmwareId, sequence, event));
    }

    @Test
    void anIdNeverReleasedIsNotInTheCatalogue() {
        store.publish(new GenericDomainEventMessage<>("Vehicle", "v-1", 0, "a vehicle's event"));

        assertThat(catalogue.find("v-1")).isEmpty();
        assertThat(catalogue.find("fw-unknown")).isEmpty();
        assertThat(catalogue.find(null)).isEmpty();
    }

    @Test
    void aFirmwareIsAsItsEventsLeftIt() {
        publish("fw-1", 0, new FirmwareReleasedEvent("fw-1", "ecm", "1.4.2", SHA, 4096, "ecm.bin",
                List.of("ECM-2*"), "[1.0,1.4.2)", "notes", "alice", AT));
        FirmwareCatalogue.Entry released = new FirmwareCatalogue.Entry("fw-1", "ecm", "1.4.2", SHA, 4096,
                List.of("ECM-2*"), "[1.0,1.4.2)", false);
        assertThat(catalogue.find("fw-1")).contains(released);

        publish("fw-1", 1, new FirmwareWithdrawnEvent("fw-1", "bricks", "bob", AT));

        assertThat(catalogue.find("fw-1")).contains(new FirmwareCatalogue.Entry("fw-1", "ecm", "1.4.2", SHA, 4096,
                List.of("ECM-2*"), "[1.0,1.4.2)", true));
    }

    @Test
    void anEntryWithoutHardwareFitsAnyHardware() {
        FirmwareCatalogue.Entry anything = new FirmwareCatalogue.Entry("fw-2", "ecm", "2.0", SHA, 1, null, null,
                false);
        assertThat(anything.hardware()).isEmpty();
    }
}
