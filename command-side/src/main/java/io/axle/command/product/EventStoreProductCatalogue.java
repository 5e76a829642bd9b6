package io.axle.command.product;

import io.axle.api.product.ProductCreatedEvent;
import io.axle.api.product.ProductDiscontinuedEvent;
import io.axle.api.product.ProductPriceChangedEvent;
import io.axle.api.product.Products;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Reads a product from its event stream, from the first event (a snapshot holds what the aggregate needs, not its
 * name). Reading takes no lock, so placing orders never queues behind the product aggregate; what it reads is current
 * the moment the product's last command was stored, on any node.
 */
@Component
public class EventStoreProductCatalogue implements ProductCatalogue {

    private final EventStore eventStore;

    public EventStoreProductCatalogue(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<CatalogueEntry> find(String sku) {
        CatalogueEntry entry = null;
        DomainEventStream events = eventStore.readEvents(Products.id(sku), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            Object payload = event.getPayload();
            if (payload instanceof ProductCreatedEvent created) {
                entry = new CatalogueEntry(created.sku(), created.name(), created.unitPrice(), created.currency(),
                        created.vatCategory(), false);
            } else if (entry != null && payload instanceof ProductPriceChangedEvent changed) {
                entry = entry.withPrice(changed.newPrice());
            } else if (entry != null && payload instanceof ProductDiscontinuedEvent) {
                entry = entry.asDiscontinued();
            }
        }
        return Optional.ofNullable(entry);
    }
}
