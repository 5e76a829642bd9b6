package io.axle.command.product;

import io.axle.api.product.ProductCreatedEvent;
import io.axle.api.product.ProductDiscontinuedEvent;
import io.axle.api.product.ProductPriceChangedEvent;
import io.axle.api.product.Products;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EventStoreProductCatalogueTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final ProductCatalogue catalogue = new EventStoreProductCatalogue(store);

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    private void publish(String sku, long sequence, Object event) {
        store.publish(new GenericDomainEventMessage<>("Product", Products.id(sku), sequence, event));
    }

    @Test
    void anSkuNeverCreatedIsNotInTheCatalogue() {
        store.publish(new GenericDomainEventMessage<>("StockItem", "BRK-001", 0, "a stock item's event"));

        assertThat(catalogue.find("BRK-001")).isEmpty();
    }

    @Test
    void aProductIsAsItsEventsLeftIt() {
        publish("BRK-001", 0, new ProductCreatedEvent("BRK-001", "Brake pad", null, new BigDecimal("24.90"), "EUR",
                "REDUCED", null, null, "alice", AT));
        assertThat(catalogue.find("BRK-001")).contains(new CatalogueEntry("BRK-001", "Brake pad",
                new BigDecimal("24.90"), "EUR", "REDUCED", false));

        publish("BRK-001", 1, new ProductPriceChangedEvent("BRK-001", new BigDecimal("24.90"), new BigDecimal("26"),
                "EUR", "bob", AT));
        publish("BRK-001", 2, new ProductDiscontinuedEvent("BRK-001", null, "bob", AT));

        assertThat(catalogue.find("BRK-001")).contains(new CatalogueEntry("BRK-001", "Brake pad",
                new BigDecimal("26"), "EUR", "REDUCED", true));
    }
}
